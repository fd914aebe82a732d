import Pipeline

/// Go's `time.Time` and `time.Duration` methods that expressions call
/// (`creatorDate.Year() >= 2024`, `commitDate.After(date('2025-01-01'))`,
/// `(now() - commitDate).Hours() < 24`). Calendar fields are read at the time's own offset.
enum TimeMethods {
    static let timeMethods = [
        "After", "Before", "Equal", "Compare", "IsZero", "Year", "Month", "Day", "Hour", "Minute", "Second",
        "Nanosecond", "YearDay", "Weekday", "Unix", "UnixMilli", "UnixMicro", "UnixNano", "UTC", "Add", "Sub",
        "AddDate", "Format", "String",
    ]
    static let durationMethods = [
        "Hours", "Minutes", "Seconds", "Milliseconds", "Microseconds", "Nanoseconds", "Abs", "String",
    ]

    /// Go's zero `time.Time`, January 1 of year 1, UTC.
    static let zeroTime = GoCalendar.instant(year: 1, month: 1, day: 1)

    static func call(_ name: String, on time: Timestamp, utcOffset: Int, _ args: Arguments)
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        let fields = GoCalendar(time, utcOffset: utcOffset)
        switch name {
        case "After", "Before", "Equal", "Compare":
            try args.expect(1)
            let other = try timeArgument(args)
            switch name {
            case "After": return .bool(time > other)
            case "Before": return .bool(time < other)
            case "Equal": return .bool(time == other)
            default: return .int(time < other ? -1 : (time > other ? 1 : 0))
            }
        case "IsZero":
            try args.expect(0)
            return .bool(time == zeroTime)
        case "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Weekday":
            try args.expect(0)
            let value: Int64 =
                switch name {
                case "Year": fields.year
                case "Month": fields.month
                case "Day": fields.day
                case "Hour": fields.hour
                case "Minute": fields.minute
                case "Second": fields.second
                case "Nanosecond": fields.nanosecond
                case "YearDay": fields.yearDay
                default: fields.weekday
                }
            return .int(value)
        case "Unix", "UnixMilli", "UnixMicro", "UnixNano":
            try args.expect(0)
            let perSecond: Int64 =
                switch name {
                case "Unix": 1
                case "UnixMilli": 1_000
                case "UnixMicro": 1_000_000
                default: 1_000_000_000
                }
            let fraction = Int64(time.nanoseconds) / (1_000_000_000 / perSecond)
            return .int(time.secondsSinceEpoch &* perSecond &+ fraction)
        case "UTC":
            try args.expect(0)
            return .time(time)
        case "Add":
            try args.expect(1)
            return .time(adding(try durationArgument(args), to: time), utcOffset: utcOffset)
        case "Sub":
            try args.expect(1)
            return .object(.duration(difference(time, try timeArgument(args))))
        case "AddDate":
            try args.expect(3)
            let moved = GoCalendar.instant(
                year: fields.year &+ (try args.integer(0)), month: fields.month &+ (try args.integer(1)),
                day: fields.day &+ (try args.integer(2)), hour: fields.hour, minute: fields.minute,
                second: fields.second, nanosecond: fields.nanosecond, utcOffset: utcOffset)
            return .time(moved, utcOffset: utcOffset)
        case "Format":
            try args.expect(1)
            return .string(GoTimeLayout(try args.string(0)).format(time, utcOffset: utcOffset))
        case "String":
            try args.expect(0)
            return .string(GoTimeLayout("2006-01-02 15:04:05.999999999 -0700 MST").format(time, utcOffset: utcOffset))
        default:
            throw ExpressionRuntimeError(
                "type time.Time has no method \(name) (methods: \(timeMethods.joined(separator: ", ")))")
        }
    }

    static func call(_ name: String, on duration: GoDuration, _ args: Arguments)
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        try args.expect(0)
        let nanoseconds = duration.nanoseconds
        switch name {
        case "Hours": return .double(duration.seconds / 3600)
        case "Minutes": return .double(duration.seconds / 60)
        case "Seconds": return .double(duration.seconds)
        case "Milliseconds": return .int(nanoseconds / 1_000_000)
        case "Microseconds": return .int(nanoseconds / 1_000)
        case "Nanoseconds": return .int(nanoseconds)
        case "Abs": return .object(.duration(GoDuration(nanoseconds: nanoseconds == .min ? .max : abs(nanoseconds))))
        case "String": return .string(duration.description)
        default:
            throw ExpressionRuntimeError(
                "type time.Duration has no method \(name) (methods: \(durationMethods.joined(separator: ", ")))")
        }
    }

    /// Go's `Time.Add`.
    static func adding(_ duration: GoDuration, to time: Timestamp) -> Timestamp {
        Timestamp(secondsSinceEpoch: time.secondsSinceEpoch &+ duration.nanoseconds / 1_000_000_000,
                  nanoseconds: Int64(time.nanoseconds) + duration.nanoseconds % 1_000_000_000)
    }

    /// Go's `Time.Sub`: saturates at the largest durations instead of overflowing.
    static func difference(_ time: Timestamp, _ other: Timestamp) -> GoDuration {
        let seconds = time.secondsSinceEpoch.subtractingReportingOverflow(other.secondsSinceEpoch)
        let scaled = seconds.partialValue.multipliedReportingOverflow(by: 1_000_000_000)
        let fraction = Int64(time.nanoseconds) - Int64(other.nanoseconds)
        let total = scaled.partialValue.addingReportingOverflow(fraction)
        if seconds.overflow || scaled.overflow || total.overflow {
            return GoDuration(nanoseconds: time > other ? .max : .min)
        }
        return GoDuration(nanoseconds: total.partialValue)
    }

    private static func timeArgument(_ args: Arguments) throws(ExpressionRuntimeError) -> Timestamp {
        guard case .time(let time, _) = args[0] else {
            throw ExpressionRuntimeError(
                "\(args.function)(): argument must be a time.Time (e.g. date('2025-01-01')), got \(args[0].typeName)")
        }
        return time
    }

    private static func durationArgument(_ args: Arguments) throws(ExpressionRuntimeError) -> GoDuration {
        guard case .object(.duration(let duration)) = args[0] else {
            throw ExpressionRuntimeError(
                "\(args.function)(): argument must be a time.Duration (e.g. duration('24h')), got \(args[0].typeName)")
        }
        return duration
    }
}
