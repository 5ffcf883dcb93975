"""Areas of restriction on the body map: drawings, hit-testing, severity marks and the synced list."""
