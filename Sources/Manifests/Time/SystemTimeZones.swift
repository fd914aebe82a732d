import Foundation
import Pipeline

/// Time zones from the system tz database (`/usr/share/zoneinfo`, or `$ZONEINFO`), for
/// promotion windows' `TZID`s. Each zone file is read and parsed once per process.
public enum SystemTimeZones {
    public static let lookup: ZoneLookup = { identifier in cache.rules(for: identifier) }

    private static let cache = ZoneCache(
        root: ProcessInfo.processInfo.environment["ZONEINFO"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo")
}

private final class ZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [String: ZoneRules?] = [:]
    private let reader: ZoneLookup

    init(root: String) {
        reader = ZoneRules.lookup(reading: { identifier in
            FileManager.default.contents(atPath: root + "/" + identifier).map(Array.init)
        })
    }

    func rules(for identifier: String) -> ZoneRules? {
        if let known = lock.withLock({ parsed[identifier] }) { return known }
        let rules = reader(identifier)
        lock.withLock { parsed[identifier] = rules }
        return rules
    }
}
