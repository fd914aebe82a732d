/// Why a `dtstart` or `dtend` could not be read.
public enum PromotionWindowTimeError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    /// Not one of the accepted forms, or an impossible date or time.
    case malformed(String)
    /// `TZID=` with no zone name.
    case emptyZone(String)

    public var description: String {
        switch self {
        case .empty:
            "is empty; expected a date-time such as TZID=Europe/Paris:20261127T180000 or 20261127T170000Z"
        case .malformed(let text):
            "'\(text)' is not a date-time; expected TZID=<zone>:YYYYMMDDTHHMMSS (e.g. TZID=Europe/Paris:20261127T180000), "
                + "YYYYMMDDTHHMMSSZ (UTC), or RFC 3339 (2026-11-27T18:00:00+01:00), with a real date and time"
        case .emptyZone(let text):
            "'\(text)' has an empty TZID; expected an IANA zone name such as Europe/Paris"
        }
    }
}
