"""Tests of the pure receivables engine."""
