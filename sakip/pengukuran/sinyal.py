"""Signals of the measurement workflow, for apps above it (notifications) to react without this app importing them."""

from django.dispatch import Signal

# Sent inside the transaction of every workflow step (submit, return, verify, reopen), after the save:
# kwargs `realisasi` (the saved row, status already changed) and `oleh` (the acting user).
status_realisasi_berubah = Signal()
