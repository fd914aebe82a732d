import Pipeline

/// When a Warehouse is due for discovery: never discovered, or its `interval` (Kargo's
/// default 5m0s) has passed since the last discovery recorded in its state file. Pure, so
/// `--now` decides, not the wall clock.
public enum WarehouseSchedule {
    public static let defaultInterval = GoDuration(nanoseconds: 300_000_000_000)

    public static func interval(of warehouse: Warehouse) -> GoDuration {
        guard let text = warehouse.spec.interval, let parsed = try? GoDuration(parsing: text), parsed > .zero else {
            return defaultInterval
        }
        return parsed
    }

    /// nil when due now; else the time it becomes due.
    public static func nextDiscovery(of warehouse: Warehouse, state: WarehouseState?, now: Timestamp) -> Timestamp? {
        guard let last = state?.status.discoveredArtifacts?.discoveredAt else { return nil }
        let next = last.adding(seconds: interval(of: warehouse).seconds)
        return next <= now ? nil : next
    }
}
