"""The highlight report as a PDF for board papers, painted with Qt's own printing support
(QtGui only, no widgets: the command line writes it with an offscreen application)."""
