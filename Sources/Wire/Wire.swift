// Wire module: see docs/ARCHITECTURE in README.
