"""helpers/data.py: the stairs images, the article's weights, the digits, and the CSV reader
that names the file and line of anything malformed (issue 10 items 5, 6 and 14)."""

import hashlib
import json

import numpy as np
import pytest

from helpers import data
from tests.conftest import REFERENCE, ROOT, bad, check_bad_input

# --- the stairs images -------------------------------------------------------------------------


def test_the_stairs_files():
    train, test = data.load_stairs("train"), data.load_stairs("test")
    assert train.X.shape == (400, 4) and test.X.shape == (100, 4)
    assert sorted([*train.ids, *test.ids]) == list(range(1, 501))  # every id once
    for images in (train, test):
        assert images.X.min() >= 0 and images.X.max() <= 255 and (images.X == np.round(images.X)).all()
        np.testing.assert_array_equal(images.Y.sum(axis=1), 1)
        assert set(images.Y.ravel()) == {0, 1}
    sample = data.article_sample()
    np.testing.assert_array_equal(sample.ids, [1, 2, 3, 4])
    np.testing.assert_array_equal(nn_input(sample.X), REFERENCE["X1"])
    np.testing.assert_array_equal(sample.Y, REFERENCE["Y"])


def nn_input(X):
    return np.column_stack([np.ones(len(X)), X])


@pytest.mark.parametrize("pixels, divisor", [("raw", 1), ("scaled", 255)])
def test_stairs_as_the_network_reads_them(pixels, divisor):
    X1, Y, X1_test, Y_test = data.stairs(pixels)
    train, test = data.load_stairs("train"), data.load_stairs("test")
    np.testing.assert_array_equal(X1, nn_input(train.X / divisor))
    np.testing.assert_array_equal(X1_test, nn_input(test.X / divisor))
    np.testing.assert_array_equal(Y, train.Y)
    np.testing.assert_array_equal(Y_test, test.Y)
    assert data.stairs(pixels) is data.stairs(pixels)  # loaded once, shared


@pytest.mark.parametrize("pixels", ["raw", "scaled"])
def test_the_shared_arrays_are_read_only(pixels):  # issue 10 item 5
    for M in data.stairs(pixels):
        with pytest.raises(ValueError, match="read-only"):
            M[0, 1] = -999
    assert data.stairs(pixels).X1[0, 1] != -999


@pytest.mark.parametrize("pixels", ["raw", "scaled"])
def test_the_shared_arrays_cannot_be_made_writeable(pixels):  # issue 17: one write changed every caller's data
    for M in [*data.stairs(pixels), data.stairs(pixels).X1[:, 1:], data.stairs(pixels).Y.T]:
        with pytest.raises(ValueError, match="cannot set WRITEABLE flag"):
            M.flags.writeable = True
    copy = data.stairs(pixels).X1.copy()  # a copy is the learner's own
    copy[0, 1] = -999
    assert data.stairs(pixels).X1[0, 1] != -999


def test_the_weights():
    for W1, W2 in (data.article_weights(), data.companion_weights()):
        assert W1.shape == (5, 2) and W2.shape == (3, 2)
        assert np.abs(W1).max() <= 0.01 and np.abs(W2).max() <= 0.01
    W1, W2 = data.article_weights()
    C1, C2 = data.companion_weights()  # the same draws, printed with more digits
    np.testing.assert_array_equal(np.round(C1, 5) + 0.0, W1)
    np.testing.assert_array_equal(np.round(C2, 5) + 0.0, W2)


def test_load_weights_reads_a_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"W1": [[1, 2, 3]] * 5, "W2": [[4, 5]] * 4}))
    W1, W2 = data.load_weights(path)
    assert W1.shape == (5, 3) and W2.shape == (4, 2) and W2[0, 1] == 5.0


# --- the CSV reader ----------------------------------------------------------------------------------

HEADER = "ImageId,R1C1,R1C2,R2C1,R2C2,IsStairs"
GOOD = ["1,252,4,155,175,1", "2,175,10,186,200,0"]


def write(tmp_path, lines, header=HEADER, encoding="utf-8", name="stairs.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding=encoding)
    return path


def test_a_good_file_loads(tmp_path):
    ids, X, Y = data._read_stairs(write(tmp_path, GOOD))
    np.testing.assert_array_equal(ids, [1, 2])
    np.testing.assert_array_equal(X, [[252, 4, 155, 175], [175, 10, 186, 200]])
    np.testing.assert_array_equal(Y, [[1, 0], [0, 1]])  # columns [stairs, not stairs]


@pytest.mark.parametrize("header, lines", [
    ("\ufeff" + HEADER, GOOD),  # a UTF-8 byte-order mark, as Excel writes it
    (HEADER, ['1,"252",4,155,175,1', *GOOD[1:]]),  # quoted fields
    (HEADER, ["", GOOD[0], "", GOOD[1], ""]),  # blank lines
    ("IsStairs,R2C2,R2C1,R1C2,R1C1,ImageId", ["1,175,155,4,252,1", "0,200,186,10,175,2"]),  # any column order
])
def test_files_that_load_alike(tmp_path, header, lines):
    ids, X, Y = data._read_stairs(write(tmp_path, lines, header))
    np.testing.assert_array_equal(ids, [1, 2])
    np.testing.assert_array_equal(X, [[252, 4, 155, 175], [175, 10, 186, 200]])
    np.testing.assert_array_equal(Y, [[1, 0], [0, 1]])


def test_windows_line_ends_load(tmp_path):
    path = tmp_path / "crlf.csv"
    path.write_bytes(("\r\n".join([HEADER, *GOOD]) + "\r\n").encode())
    np.testing.assert_array_equal(data._read_stairs(path).ids, [1, 2])


@pytest.mark.parametrize("row, message", [
    ("3,12.5,4,155,175,1", r"R1C1 must be a whole number written in digits, got '12.5'"),
    ("3,dark,4,155,175,1", r"R1C1 must be a whole number written in digits, got 'dark'"),
    ("3,252,4,155,,1", r"R2C2 must be a whole number written in digits, got ''"),
    ("3,252,4,155", r"4 fields, but the header has 6"),
    ("3,252,4,155,175,1,77,88", r"8 fields, but the header has 6"),  # extra fields were dropped
    ("3,252,300,155,175,1", r"pixel values must be 0-255, got \[252, 300, 155, 175\]"),
    ("3,252,4,-1,175,1", r"R2C1 must be a whole number written in digits, got '-1'"),
    ("3,252,4,155,175,2", r"IsStairs must be 0..1, got 2"),
    ("3,252,4,155,175,yes", r"IsStairs must be a whole number written in digits, got 'yes'"),
    ("2,252,4,155,175,1", r"ImageId 2 already used on line 3"),
    ("-3,252,4,155,175,1", r"ImageId must be a whole number written in digits, got '-3'"),
    ("0,252,4,155,175,1", r"ImageId 0 must be >= 1"),
    ("3,2_52,4,155,175,1", r"R1C1 must be a whole number written in digits, got '2_52'"),
    ("3,٢٥٢,4,155,175,1", r"R1C1 must be a whole number written in digits, got '٢٥٢'"),  # Arabic-Indic digits
    ("3,²,4,155,175,1", r"R1C1 must be a whole number written in digits, got '²'"),
    ("3, 252,4,155,175,1", r"R1C1 must be a whole number written in digits, got ' 252'"),
    ("3,+252,4,155,175,1", r"R1C1 must be a whole number written in digits, got '\+252'"),
    ("3,252,4,155,175,1e0", r"IsStairs must be a whole number written in digits, got '1e0'"),
    ("3," + "9" * 5000 + ",4,155,175,1", r"R1C1 must be below 1000000000, got 5000 digits"),
    ("9" * 30 + ",252,4,155,175,1", r"ImageId must be below 1000000000, got 30 digits"),
    ('3,"252,4,155,175,1', r"not valid CSV \(unexpected end of data\)"),  # an unclosed quote
])
def test_bad_row_names_file_and_line(tmp_path, row, message):
    path = write(tmp_path, [*GOOD, row])  # the header is line 1, so the bad row is line 4
    with pytest.raises(ValueError, match=message) as error:
        data._read_stairs(path)
    assert str(error.value).startswith(f"{path}, line 4: ")


@pytest.mark.parametrize("header, message", [
    ("ImageId,R1C1,R1C2,R2C1,IsStairs", r"line 1: missing column\(s\): R2C2"),
    (HEADER + ",R1C1", r"line 1: column\(s\) twice: R1C1"),  # the last of the two was taken
    (HEADER + ",Notes", r"line 1: unknown column\(s\): Notes"),
    ("imageid,r1c1,r1c2,r2c1,r2c2,isstairs", r"line 1: missing column\(s\): ImageId, R1C1"),
])
def test_bad_header(tmp_path, header, message):
    path = write(tmp_path, [row + ",0" * (header.count(",") - 5) for row in GOOD], header)
    with pytest.raises(ValueError, match=message) as error:
        data._read_stairs(path)
    assert str(error.value).startswith(f"{path}, line 1: ")
    assert str(error.value).endswith("the header must be ImageId,R1C1,R1C2,R2C1,R2C2,IsStairs")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16"])
def test_a_file_not_in_utf8_is_named(tmp_path, encoding):
    """A note with an accent, saved as Latin-1 or Windows-1252, or the file saved as UTF-16."""
    path = tmp_path / "notes.csv"
    path.write_text(f"{HEADER},Note\n1,252,4,155,175,1,café\n", encoding=encoding)
    message = r"not UTF-8 text \(byte \d+ is 0x[0-9a-f]{2}\); save it as CSV in UTF-8"
    with pytest.raises(ValueError, match=message) as error:
        data._read_stairs(path)
    assert str(error.value).startswith(f"{path}: ")


@pytest.mark.parametrize("text, message", [
    ("", r"line 1: missing column\(s\): ImageId"),
    (HEADER + "\n", r"no images, only a header"),
    (HEADER + "\n\n\n", r"no images, only a header"),
])
def test_empty_files(tmp_path, text, message):
    path = tmp_path / "empty.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as error:
        data._read_stairs(path)
    assert str(error.value).startswith(str(path))


# --- the digits ------------------------------------------------------------------------------------------


def test_the_digits():
    ids, X, Y = data.load_digits()
    assert X.shape == (1797, 64) and Y.shape == (1797, 10)
    assert X.min() == 0 and X.max() == 16 and (X == np.round(X)).all()
    np.testing.assert_array_equal(ids, np.arange(1, 1798))
    np.testing.assert_array_equal(Y.sum(axis=1), 1)
    np.testing.assert_array_equal(Y.sum(axis=0), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])


def test_the_digits_file_is_the_one_whose_provenance_data_readme_gives():
    # data/README.md: the copy of the UCI digits that scikit-learn bundles as load_digits, written
    # out as CSV (checked equal, number by number, when it was written; scikit-learn is not a
    # dependency of the series, so the file's SHA-256, given in data/README.md, stands for that check)
    digest = hashlib.sha256((ROOT / "data" / "digits.csv").read_bytes()).hexdigest()
    assert f"SHA-256 `{digest}`" in (ROOT / "data" / "README.md").read_text()


def test_split_is_stratified_disjoint_complete_and_seeded():
    digits = data.load_digits()
    train, test = data.split(digits, 0.25, 0)
    assert sorted([*train.ids, *test.ids]) == digits.ids.tolist()  # complete, each image once
    for part in (train, test):  # each row keeps its image, in the original order
        assert (np.diff(part.ids) > 0).all()
        np.testing.assert_array_equal(part.X, digits.X[part.ids - 1])
        np.testing.assert_array_equal(part.Y, digits.Y[part.ids - 1])
    per_class = digits.Y.sum(axis=0)
    np.testing.assert_array_equal(test.Y.sum(axis=0), np.round(0.25 * per_class))
    again = data.split(digits, 0.25, np.random.default_rng(0))
    np.testing.assert_array_equal(again[1].ids, test.ids)
    other = data.split(digits, 0.25, 1)[1]
    for c in range(10):  # another seed draws other images of every class
        assert set(other.ids[other.Y[:, c] == 1]) != set(test.ids[test.Y[:, c] == 1])


@pytest.mark.parametrize("fraction, sizes", [(1e-9, "1797 training and 0 test"), (0.0002, "1797 training and 0 test"),
                                             (1.0, "0 training and 1797 test"), (0.9999, "0 training and 1797 test")])
def test_split_refuses_an_empty_part(fraction, sizes):  # issue 17: an empty test (or training) set came back
    message = rf"^test_fraction = {fraction:g} gives {sizes} images \(of 1797\); each part needs at least one image$"
    check_bad_input(lambda: data.split(data.load_digits(), fraction, 0), message)


# --- bad input -------------------------------------------------------------------------------------------

DIGITS = data.load_digits()
STAIRS = data.load_stairs("train")


BAD_INPUTS = [
    bad(data.load_stairs, lambda: data.load_stairs("validation"),
        r"^split must be one of 'train', 'test'; got 'validation'"),
    bad(data.read_images, lambda: data.read_images(data.data_dir() / "stairs_train.csv", data.PIXELS, "IsStairs", 0),
        r"^n_classes must be a whole number \(an int\) >= 1, got 0$"),
    bad(data.read_images, lambda: data.read_images(data.data_dir() / "stairs_train.csv", data.PIXELS, "IsStairs", 2, -1),
        r"^max_pixel must be a whole number \(an int\) >= 1, got -1$"),
    bad(data.read_images, lambda: data.read_images(3, data.PIXELS, "IsStairs", 2),
        r"^path must be a file's path .*got 3"),
    bad(data.file_path, lambda: data.file_path(["a.csv"]), r"^path must be a file's path .*list"),
    bad(data.check_header, lambda: data.check_header("f.csv", ["A", "A"], ["A", "B"]),
        r"^f.csv, line 1: column\(s\) twice: A; missing column\(s\): B; the header must be A,B"),
    bad(data.whole_number, lambda: data.whole_number("1.0", "R1C1", "f.csv", 7),
        r"^f.csv, line 7: R1C1 must be a whole number written in digits, got '1.0'"),
    bad(data.check_row, lambda: data.check_row("f.csv", 9, [1, 0, 0, 0, 0, 1], {1: 2}, 255, 2, "IsStairs"),
        r"^f.csv, line 9: ImageId 1 already used on line 2"),
    bad(data.load_weights, lambda: data.load_weights(None), r"^path must be a file's path .*None"),
    bad(data.stairs, lambda: data.stairs("grey"), r"^pixels must be one of 'raw', 'scaled'; got 'grey'"),
    bad(data.split, lambda: data.split(DIGITS, 0, 0),
        r"^test_fraction must be a finite number > 0 and at most 1, got 0"),
    bad(data.split, lambda: data.split(DIGITS, 0.25, -1), r"^rng must be a numpy Generator"),
    bad(data.split, lambda: data.split(DIGITS[1:], 0.25, 0),
        r"^images must be \(ids, X, Y\), as load_digits\(\) returns them"),
    bad(data.split, lambda: data.split((DIGITS.ids[:5], DIGITS.X, DIGITS.Y), 0.25, 0),
        r"^images must hold one id, one row of X and one row of Y per image, got 5 ids, 1797 rows of X and 1797"),
    bad(data.split, lambda: data.split((DIGITS.ids, DIGITS.X, DIGITS.Y[:9]), 0.25, 0),
        r"^images must hold one id.*9 rows of Y"),
    bad(data.split, lambda: data.split((STAIRS.ids, STAIRS.X, STAIRS.Y * 2), 0.25, 0), r"^Y must be one-hot"),
]


@pytest.mark.parametrize("function, call, message", BAD_INPUTS)
def test_bad_input(function, call, message):
    check_bad_input(call, message)


@pytest.mark.parametrize("text, message", [  # issue 10 item 14: load_weights raised KeyError, took NaN and any shape
    ('{"W1": [[1, 2]]}', r"w.json: missing W2; expected \{\"W1\": \[\[...\]\], \"W2\": \[\[...\]\]\}"),
    ("[1, 2]", r"w.json: missing W1 and W2"),
    ('{"W1": [[NaN, 2]], "W2": [[1, 2]]}', r"^w.json's W1 has a NaN value at index \(0, 0\)"),
    ('{"W1": [[1, 2]], "W2": [[1, Infinity]] }', r"^w.json's W2 has an infinite value at index \(0, 1\)"),
    ('{"W1": [[1, 2]], "W2": [[1, 2]]}', r"w.json: W1 is 1x2, so W2 needs 3 rows \(bias \+ hidden nodes\), but it is 1x"),
    ('{"W1": [1, 2], "W2": [[1, 2]]}', r"^w.json's W1 must be a matrix \(2 dimensions\), got shape \(2,\)"),
    ('{"W1": "abc", "W2": [[1, 2]]}', r"^w.json's W1 must be an array of real numbers"),
    ('{"W1": [[1, 2], [3]], "W2": [[1, 2]]}', r"^w.json's W1 must be a rectangular array"),
    ('{"W1": [[1, true]], "W2": [[1], [2], [3]]}', r"w.json: W1\[0\]\[1\] is true, but weights must be numbers$"),
    ('{"W1": [[1, 2]], "W2": [[1], [2], [false]]}', r"w.json: W2\[2\]\[0\] is false, but weights must be numbers$"),
    ('{"W1": true, "W2": [[1], [2], [3]]}', r"w.json: W1 is true, but weights must be numbers$"),
    ('{"W1": [[1, 2]], "W2": [[1], [2], [3]], "W1": [[3, 4]]}', r'w.json: "W1" written twice; write each key once$'),
    ('{"W1": [[1, 2]], "W2": [[1], [2], [3]], "note": {"a": 1, "a": 2}}', r'w.json: "a" written twice'),
    ("{", r"w.json: cannot read weights \(Expecting property name"),
    ("", r"w.json: cannot read weights"),
])
def test_load_weights_bad_files(tmp_path, text, message):
    path = tmp_path / "w.json"
    path.write_text(text)
    check_bad_input(lambda: data.load_weights(path), message)


def test_load_weights_reads_a_byte_order_mark_as_the_csv_reader_does(tmp_path):  # issue 17: it was refused
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"W1": [[1, 2]], "W2": [[3], [4], [5]]}), encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    W1, W2 = data.load_weights(path)
    np.testing.assert_array_equal(W2, [[3], [4], [5]])
    path.write_bytes(b"\xff" + path.read_bytes()[3:])
    check_bad_input(lambda: data.load_weights(path), r"w.json: not UTF-8 text \(byte 0 is 0xff\); save it as JSON in UTF-8$")


@pytest.mark.parametrize("reader", [data._read_stairs, data.load_weights])
def test_a_path_that_is_not_a_readable_file_says_what_it_is(tmp_path, reader, monkeypatch):  # issue 17
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    (tmp_path / "dangling.csv").symlink_to(tmp_path / "gone.csv")
    (tmp_path / "file.csv").write_text("")
    for name, what in [("folder.csv", "a folder, not a file"), ("loop.csv", "a loop of symbolic links, not a file"),
                       ("dangling.csv", "a symbolic link to a file that does not exist"), ("absent.csv", "no such file"),
                       ("file.csv/inner.csv", r"no such file \(a part of the path is not a folder\)")]:
        check_bad_input(lambda: reader(tmp_path / name), rf"^{tmp_path / name}: {what}$")

    def locked(path):  # what reading a file without read permission raises (root reads any file, so simulated)
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(type(tmp_path), "read_bytes", locked)
    check_bad_input(lambda: reader(tmp_path / "file.csv"), rf"^{tmp_path / 'file.csv'}: cannot be read: permission denied$")
