/// Why bytes could not be read as TZif zone data, naming the zone and the part that was wrong.
public enum ZoneRulesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data does not start with the `TZif` magic.
    case notTZif(zone: String)
    /// A version byte other than 0 (version 1), `2`, `3` or `4`.
    case unsupportedVersion(zone: String, version: UInt8)
    /// The data ends inside `section` (a header, the transition table, the footer).
    case truncated(zone: String, section: String)
    /// A value inside the data is out of range or inconsistent.
    case malformed(zone: String, detail: String)
    /// The footer's POSIX TZ string could not be parsed.
    case invalidFooter(zone: String, footer: String)

    public var description: String {
        switch self {
        case .notTZif(let zone):
            "zone data for '\(zone)' is not TZif (it must start with the bytes 'TZif')"
        case .unsupportedVersion(let zone, let version):
            "zone data for '\(zone)' has TZif version byte \(version); supported versions are 1 (byte 0), 2, 3 and 4"
        case .truncated(let zone, let section):
            "zone data for '\(zone)' ends inside its \(section)"
        case .malformed(let zone, let detail):
            "zone data for '\(zone)' is malformed: \(detail)"
        case .invalidFooter(let zone, let footer):
            "zone data for '\(zone)' has a footer '\(footer)' that is not a POSIX TZ string such as 'CET-1CEST,M3.5.0,M10.5.0/3'"
        }
    }
}
