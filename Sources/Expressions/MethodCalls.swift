import Pipeline

/// Go methods users call on returned values. Kargo documents `semverParse(v).Major()`
/// and friends (Masterminds' `*semver.Version` methods); Go structs' fields can also be
/// read with a call-less spelling, so a getter called with `()` is accepted for them too.
/// Times and durations have Go's `time` methods (`TimeMethods`).
enum MethodCalls {
    static func call(_ name: String, on base: ExpressionValue, arguments: [ExpressionValue])
        throws(ExpressionRuntimeError) -> ExpressionValue
    {
        let args = Arguments(function: name, values: arguments)
        if case .time(let time, let offset) = base {
            return try TimeMethods.call(name, on: time, utcOffset: offset, args)
        }
        guard case .object(let object) = base else {
            throw ExpressionRuntimeError("type \(base.typeName) has no method \(name)")
        }
        if case .duration(let duration) = object {
            return try TimeMethods.call(name, on: duration, args)
        }
        guard case .version(let version) = object else {
            throw ExpressionRuntimeError("type \(object.typeName) has no method \(name)")
        }
        if let getter = GoObject.versionGetter(version, name) {
            try args.expect(0)
            return getter
        }
        switch name {
        case "IncMajor", "IncMinor", "IncPatch":
            try args.expect(0)
            return .object(.version(increment(version, name)))
        case "LessThan", "GreaterThan", "Equal", "Compare":
            try args.expect(1)
            let other = try versionArgument(args)
            let order = version.comparePrecedence(to: other)
            switch name {
            case "LessThan": return .bool(order < 0)
            case "GreaterThan": return .bool(order > 0)
            case "Equal": return .bool(order == 0)
            default: return .int(Int64(order.signum()))
            }
        default:
            throw ExpressionRuntimeError(
                "type semver.Version has no method \(name) (methods: Major, Minor, Patch, Prerelease, Metadata, "
                    + "Original, String, IncMajor, IncMinor, IncPatch, LessThan, GreaterThan, Equal, Compare)")
        }
    }

    private static func versionArgument(_ args: Arguments) throws(ExpressionRuntimeError) -> SemanticVersion {
        switch args[0] {
        case .object(.version(let version)): return version
        case .string(let text):
            do {
                return try SemanticVersion(parsing: text, strict: false)
            } catch {
                throw ExpressionRuntimeError("\(args.function)(): invalid semantic version: \(error)")
            }
        default:
            throw ExpressionRuntimeError("\(args.function)(): argument must be a version, got \(args[0].typeName)")
        }
    }

    /// Masterminds' `Inc*`: a pre-release patch version increments to its release.
    private static func increment(_ version: SemanticVersion, _ name: String) -> SemanticVersion {
        switch name {
        case "IncMajor": return SemanticVersion(major: version.major &+ 1, minor: 0, patch: 0)
        case "IncMinor": return SemanticVersion(major: version.major, minor: version.minor &+ 1, patch: 0)
        default:
            let patch = version.prerelease.isEmpty ? version.patch &+ 1 : version.patch
            return SemanticVersion(major: version.major, minor: version.minor, patch: patch)
        }
    }
}
