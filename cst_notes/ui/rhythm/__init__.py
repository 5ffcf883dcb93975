"""The craniosacral rhythm grid (stations x sides) and its still-point and significance-detector events."""
