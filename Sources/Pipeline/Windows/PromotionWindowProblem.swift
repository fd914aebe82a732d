/// Something wrong with one promotion window, naming the field (relative to the window) and
/// what would be valid. The validator reports these; evaluation treats a window that has any
/// as closing promotion, so a broken freeze never lets promotions through.
public enum PromotionWindowProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case missingKind
    case missingStart
    /// `dtend` is needed: it ends a one-shot window and sets a recurring window's duration.
    case missingEnd
    case invalidTime(field: String, PromotionWindowTimeError)
    /// The `TZID` is not a zone the zone database knows.
    case unknownZone(field: String, identifier: String)
    case endNotAfterStart(start: String, end: String)
    case invalidRule(RecurrenceRuleError)
    /// `projectSelector` on a ProjectConfig window, where Kargo rejects it.
    case projectSelectorInProjectConfig
    /// Another window in the same list has this name (the list is keyed by name).
    case duplicateName(String)

    /// The field at fault, relative to the window (`dtstart`, `rrule`, …).
    public var field: String {
        switch self {
        case .missingKind: "kind"
        case .missingStart: "dtstart"
        case .missingEnd, .endNotAfterStart: "dtend"
        case .invalidTime(let field, _), .unknownZone(let field, _): field
        case .invalidRule: "rrule"
        case .projectSelectorInProjectConfig: "projectSelector"
        case .duplicateName: "name"
        }
    }

    public var message: String {
        switch self {
        case .missingKind:
            "kind is required; expected Allow or Deny"
        case .missingStart:
            "dtstart is required; expected a date-time such as TZID=Europe/Paris:20261127T180000"
        case .missingEnd:
            "dtend is required: it ends a one-shot window and, with rrule, sets how long each occurrence lasts"
        case .invalidTime(let field, let error):
            "\(field) \(error)"
        case .unknownZone(let field, let identifier):
            "\(field) names time zone '\(identifier)', which the zone database does not know; expected an IANA name such as Europe/Paris or UTC"
        case .endNotAfterStart(let start, let end):
            "dtend \(end) is not after dtstart \(start); a window must last a positive time"
        case .invalidRule(let error):
            "rrule \(error)"
        case .projectSelectorInProjectConfig:
            "projectSelector is only allowed on ClusterConfig windows; a ProjectConfig window applies to its own Project"
        case .duplicateName(let name):
            "name '\(name)' is used by more than one window in this list; names must be unique"
        }
    }

    /// The message, which names the field itself.
    public var description: String { message }
}
