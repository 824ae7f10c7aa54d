"""Campaigns and their political calendar of key dates."""
