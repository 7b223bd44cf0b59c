"""The interface: matrices shown as the article shows them, pictures, and the playground's
widgets (matplotlib, ipywidgets). Built on the layers of helpers/; none of them imports this."""
