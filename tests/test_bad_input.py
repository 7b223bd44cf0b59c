"""Each bad input raises ValueError with a message that names the problem."""

import numpy as np
import pytest

from helpers import data, nn

X1 = nn.add_bias(np.arange(8.0).reshape(4, 2))  # 4 samples, 2 inputs: X1 is 4x3
W1 = np.full((3, 2), 0.1)  # 2 hidden nodes
W2 = np.full((3, 2), 0.1)  # 2 classes
Y = np.eye(2)[[0, 1, 1, 0]]


def with_value(M, index, value):
    M = np.array(M, dtype=float)
    M[index] = value
    return M


# --- shapes that do not chain ----------------------------------------------------------


@pytest.mark.parametrize("f", [nn.forward, lambda X1, W1, W2: nn.backward(X1, Y, W1, W2)])
def test_X1_and_W1_do_not_chain(f):
    with pytest.raises(ValueError, match=r"shapes do not chain: X1 is 4x3, so W1 needs 3 rows, but W1 is 4x2"):
        f(X1, np.ones((4, 2)), W2)


@pytest.mark.parametrize("f", [nn.forward, lambda X1, W1, W2: nn.backward(X1, Y, W1, W2)])
def test_X2_and_W2_do_not_chain(f):
    with pytest.raises(ValueError, match=r"X2 = \[1, f\(Z1\)\] has 3 columns.*W2 needs 3 rows, but W2 is 2x2"):
        f(X1, W1, np.ones((2, 2)))


def test_Y_and_Yhat_differ_in_shape():
    with pytest.raises(ValueError, match=r"Yhat and Y must have the same shape, got \(4, 2\) and \(4, 3\)"):
        nn.cross_entropy(np.full((4, 2), 0.5), np.eye(3)[[0, 1, 2, 0]])


@pytest.mark.parametrize("bad_Y, shape", [(np.eye(2)[[0, 1, 1]], "3x2"), (np.eye(3)[[0, 1, 2, 0]], "4x3")])
def test_Y_does_not_fit_the_network(bad_Y, shape):
    with pytest.raises(ValueError, match=rf"Y must be 4x2 .*got {shape}"):
        nn.backward(X1, bad_Y, W1, W2)


def test_X1_without_its_bias_column():
    with pytest.raises(ValueError, match=r"X1's first column must be the bias column of 1s; row 0 has 0"):
        nn.forward(np.arange(12.0).reshape(4, 3), W1, W2)


def test_update_shapes_differ():
    with pytest.raises(ValueError, match=r"W and grad_W must have the same shape, got \(3, 2\) and \(2, 3\)"):
        nn.update(W1, np.ones((2, 3)), 0.1)


# --- Y not one-hot -----------------------------------------------------------------------


@pytest.mark.parametrize("bad_Y, message", [
    (with_value(Y, (2, 0), 0.5), r"Y must be one-hot: Y\[2, 0\] = 0.5, not 0 or 1"),
    (with_value(Y, (1, 0), 1.0), r"Y must be one-hot: row 1 has 2 ones, not exactly 1"),
    (with_value(Y, (3, 0), 0.0), r"Y must be one-hot: row 3 has 0 ones, not exactly 1"),
    (with_value(Y, (0, 1), -1.0), r"Y must be one-hot: Y\[0, 1\] = -1, not 0 or 1"),
])
@pytest.mark.parametrize("f", [
    lambda Y: nn.backward(X1, Y, W1, W2),
    lambda Y: nn.cross_entropy(np.full((4, 2), 0.5), Y),
])
def test_Y_not_one_hot(f, bad_Y, message):
    with pytest.raises(ValueError, match=message):
        f(bad_Y)


# --- NaN or inf anywhere ----------------------------------------------------------------


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("name, call", [
    ("X1", lambda v: nn.forward(with_value(X1, (2, 1), v), W1, W2)),
    ("W1", lambda v: nn.forward(X1, with_value(W1, (2, 1), v), W2)),
    ("W2", lambda v: nn.backward(X1, Y, W1, with_value(W2, (2, 1), v))),
    ("Y", lambda v: nn.backward(X1, with_value(Y, (2, 1), v), W1, W2)),
    ("Yhat", lambda v: nn.cross_entropy(with_value(np.full((4, 2), 0.5), (2, 1), v), Y)),
    ("Z", lambda v: nn.softmax(with_value(np.zeros((4, 2)), (2, 1), v))),
    ("X", lambda v: nn.add_bias(with_value(np.zeros((4, 2)), (2, 1), v))),
    ("W", lambda v: nn.update(with_value(W1, (2, 1), v), W1, 0.1)),
    ("grad_W", lambda v: nn.update(W1, with_value(W1, (2, 1), v), 0.1)),
])
def test_nan_or_inf(name, call, bad):
    with pytest.raises(ValueError, match=rf"^{name} has a NaN or inf value at index \(2, 1\)"):
        call(bad)


def test_nan_in_a_vector_for_the_jacobian():
    with pytest.raises(ValueError, match=r"yhat has a NaN or inf value at index \(1,\)"):
        nn.softmax_jacobian([0.5, np.nan])


# --- empty input -------------------------------------------------------------------------


@pytest.mark.parametrize("name, call", [
    ("X1", lambda: nn.forward(np.ones((0, 3)), W1, W2)),
    ("W1", lambda: nn.forward(X1, np.ones((3, 0)), W2)),
    ("Y", lambda: nn.backward(X1, np.ones((4, 0)), W1, W2)),
    ("Yhat", lambda: nn.cross_entropy(np.ones((0, 2)), np.ones((0, 2)))),
    ("Z", lambda: nn.softmax(np.ones((0, 2)))),
    ("Z", lambda: nn.softmax([])),
    ("X", lambda: nn.add_bias(np.ones((0, 4)))),
])
def test_empty(name, call):
    with pytest.raises(ValueError, match=rf"^{name} is empty"):
        call()


# --- step size ---------------------------------------------------------------------------


@pytest.mark.parametrize("stepsize", [-0.1, -1e-12, np.nan, np.inf])
def test_bad_stepsize(stepsize):
    with pytest.raises(ValueError, match=r"stepsize must be a finite number >= 0, got"):
        nn.update(W1, W1, stepsize)


def test_zero_stepsize_is_allowed():
    np.testing.assert_array_equal(nn.update(W1, np.ones_like(W1), 0.0), W1)


# --- malformed CSV files -----------------------------------------------------------------

HEADER = "ImageId,R1C1,R1C2,R2C1,R2C2,IsStairs"
GOOD = ["1,252,4,155,175,1", "2,175,10,186,200,1"]


def write(tmp_path, lines, header=HEADER):
    path = tmp_path / "stairs.csv"
    path.write_text("\n".join([header, *lines]) + "\n")
    return path


def test_a_good_file_loads(tmp_path):
    ids, X, Y_ = data.load_stairs(path=write(tmp_path, GOOD))
    np.testing.assert_array_equal(ids, [1, 2])
    np.testing.assert_array_equal(X, [[252, 4, 155, 175], [175, 10, 186, 200]])
    np.testing.assert_array_equal(Y_, [[1, 0], [1, 0]])


def test_missing_column(tmp_path):
    path = write(tmp_path, ["1,252,4,155,1"], header="ImageId,R1C1,R1C2,R2C1,IsStairs")
    with pytest.raises(ValueError, match=r"missing column\(s\) R2C2") as error:
        data.load_stairs(path=path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("row, message", [
    ("3,12.5,4,155,175,1", r"R1C1 must be a whole number, got '12.5'"),
    ("3,dark,4,155,175,1", r"R1C1 must be a whole number, got 'dark'"),
    ("3,252,4,155,,1", r"R2C2 must be a whole number, got ''"),
    ("3,252,4,155", r"R2C2 must be a whole number, got None"),
    ("3,252,300,155,175,1", r"pixel values must be 0-255, got \[252, 300, 155, 175\]"),
    ("3,252,4,-1,175,1", r"pixel values must be 0-255"),
    ("3,252,4,155,175,2", r"IsStairs must be 0..1, got 2"),
    ("3,252,4,155,175,yes", r"IsStairs must be a whole number, got 'yes'"),
])
def test_bad_row_names_file_and_line(tmp_path, row, message):
    path = write(tmp_path, [*GOOD, row])  # the header is line 1, so the bad row is line 4
    with pytest.raises(ValueError, match=message) as error:
        data.load_stairs(path=path)
    assert f"{path}, line 4:" in str(error.value)


def test_only_a_header(tmp_path):
    with pytest.raises(ValueError, match=r"no images, only a header"):
        data.load_stairs(path=write(tmp_path, []))


def test_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"no such file"):
        data.load_stairs(path=tmp_path / "nowhere.csv")


def test_unknown_split():
    with pytest.raises(ValueError, match=r"split must be 'train' or 'test', got 'validation'"):
        data.load_stairs("validation")
