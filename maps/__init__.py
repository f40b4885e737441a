"""HOW IT LOOKS: the interactive atlas and the data exports, built from a Catalogue."""
