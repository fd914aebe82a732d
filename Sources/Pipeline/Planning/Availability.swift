/// Whether a Freight may be promoted to a Stage for one requested origin, and why —
/// Kargo's `Stage.IsFreightAvailable`, `Freight.HasSoakedIn` and `GetLongestSoak`, with
/// a sentence for every rule that decided.
struct Availability {
    var available: Bool
    var reasons: [String]

    /// Rejection beats everything; then approval for this Stage; then a direct source;
    /// then verification and soak in the upstream Stages (`OneOf` or `All`).
    static func evaluate(_ freight: Freight, for request: RequestedFreight, stage: String,
                         snapshot: ProjectSnapshot, now: Timestamp) -> Availability {
        let status = freight.status
        if let rejection = status?.rejectedFor?[stage] ?? status?.rejectedFor?[FreightRejection.allStages] {
            let scope = status?.rejectedFor?[stage] != nil ? "for \(stage)" : "for every Stage"
            return Availability(available: false, reasons: ["rejected \(scope)\(Self.attribution(rejection.actor, rejection.reason, rejection.rejectedAt))"])
        }
        if let approval = status?.approvedFor?[stage] {
            let when = approval.approvedAt.map { " at \($0.rfc3339)" } ?? ""
            return Availability(available: true, reasons: ["approved for \(stage)\(when)"])
        }
        let sources = request.sources
        if sources?.direct == true {
            return Availability(available: true, reasons: ["direct from \(freight.origin.key)"])
        }
        let upstreams = sources?.stages ?? []
        guard !upstreams.isEmpty else {
            return Availability(available: false, reasons: ["no source: neither direct nor upstream Stages"])
        }
        let required = Self.requiredSoak(request)
        let all = sources?.availabilityStrategy == .all
        var passed: [String] = []
        var failed: [String] = []
        for upstream in upstreams {
            let (ok, reason) = upstreamCheck(freight, upstream: upstream, required: required, snapshot: snapshot, now: now)
            if ok { passed.append(reason) } else { failed.append(reason) }
        }
        if all {
            if failed.isEmpty { return Availability(available: true, reasons: passed) }
            return Availability(available: false, reasons: failed.map { $0 + " (All)" })
        }
        if !passed.isEmpty { return Availability(available: true, reasons: [passed[0]]) }
        return Availability(available: false, reasons: failed)
    }

    static func requiredSoak(_ request: RequestedFreight) -> GoDuration? {
        guard let text = request.sources?.requiredSoakTime, !text.isEmpty else { return nil }
        return try? GoDuration(parsing: text)
    }

    /// Soak as Kargo measures it: zero unless verified in the Stage; else the longer of the
    /// longest completed stay and the current stay.
    static func longestSoak(_ freight: Freight, in stage: String, now: Timestamp) -> GoDuration {
        guard let verified = freight.status?.verifiedIn?[stage] else { return .zero }
        var longest = GoDuration.zero
        if let text = verified.longestSoak, let completed = try? GoDuration(parsing: text) {
            longest = completed
        }
        if let since = freight.status?.currentlyIn?[stage]?.since {
            let current = GoDuration(nanoseconds: Self.nanoseconds(from: since, to: now))
            if current > longest { longest = current }
        }
        return longest
    }

    private static func nanoseconds(from start: Timestamp, to end: Timestamp) -> Int64 {
        let seconds = end.secondsSinceEpoch - start.secondsSinceEpoch
        return seconds * 1_000_000_000 + Int64(end.nanoseconds) - Int64(start.nanoseconds)
    }

    private static func upstreamCheck(_ freight: Freight, upstream: String, required: GoDuration?,
                                      snapshot: ProjectSnapshot, now: Timestamp) -> (Bool, String) {
        guard freight.status?.verifiedIn?[upstream] != nil else {
            if freight.status?.currentlyIn?[upstream] != nil {
                if let phase = snapshot.stageStates[upstream]?.status.freightHistory?.first?.verificationHistory?.first?.phase,
                   phase == .running || phase == .pending {
                    return (false, "verifying in \(upstream)")
                }
                if let phase = snapshot.stageStates[upstream]?.status.freightHistory?.first?.verificationHistory?.first?.phase,
                   phase == .failed || phase == .error || phase == .inconclusive || phase == .aborted {
                    return (false, "verification \(phase.rawValue.lowercased()) in \(upstream)")
                }
                if let health = snapshot.stageStates[upstream]?.status.health, health.config != nil {
                    let status = health.status.map { " (\($0.rawValue))" } ?? ""
                    return (false, "not verified in \(upstream): waiting for its health checks to report Healthy\(status)")
                }
                return (false, "not verified in \(upstream)")
            }
            return (false, "not verified in \(upstream) (never promoted there)")
        }
        guard let required, required > .zero else {
            return (true, "verified in \(upstream)")
        }
        let soaked = longestSoak(freight, in: upstream, now: now)
        if soaked >= required {
            return (true, "soaked \(soaked.humanized) of \(required.humanized) in \(upstream)")
        }
        return (false, "soak: \(soaked.humanized) of \(required.humanized) in \(upstream)")
    }

    static func attribution(_ actor: String?, _ reason: String?, _ at: Timestamp?) -> String {
        var text = ""
        if let actor, !actor.isEmpty { text += " by \(actor)" }
        if let at { text += " at \(at.rfc3339)" }
        if let reason, !reason.isEmpty { text += ": \(reason)" }
        return text
    }
}
