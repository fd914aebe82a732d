/// Plans one Stage: a running promotion first, then verification in progress (a queued
/// promotion waits for it), then queued promotions, then, per requested origin, the newest available Freight against the current one.
struct StagePlanner {
    let stage: Stage
    let snapshot: ProjectSnapshot
    let now: Timestamp
    /// Freight name per origin key that the Stage holds now.
    private let current: [String: String]

    init(stage: Stage, snapshot: ProjectSnapshot, now: Timestamp) {
        self.stage = stage
        self.snapshot = snapshot
        self.now = now
        current = StageHistory.currentItems(stageState: snapshot.stageStates[stage.metadata.name],
                                            stage: stage.metadata.name, freight: snapshot.freight)
    }

    private var name: String { stage.metadata.name }
    private var status: StageStatus? { snapshot.stageStates[name]?.status }

    /// Per requested origin: what the Stage holds and what it could get.
    private struct OriginView {
        var request: RequestedFreight
        var current: Freight?
        var currentName: String?
        var candidate: Freight?
        var candidateReason: String?
        /// Newest Freight of the origin that is newer than the current one but not available.
        var blocked: [(Freight, [String])]
        var noFreight: Bool
        var matchUpstreamProblem: String?
    }

    /// The decision, gated by the Stage's promotion windows: while they are closed nothing is
    /// promoted (auto or requested); the plan says so and when they reopen.
    func plan(window: PromotionWindowStatus?) -> StagePlan {
        var result = plan()
        guard let window else { return result }
        result.promotionWindow = window
        if window.closed == true {
            let reason = window.reason ?? "closed by a promotion window"
            if result.decision == .promote || result.decision == .manual {
                result.decision = .blocked
                result.reasons.insert("promotion window: \(reason)", at: 0)
            } else if result.decision != .promoting {
                result.reasons.append("promotion window: \(reason)")
            }
        }
        return result
    }

    func plan() -> StagePlan {
        let policy = PromotionPolicyMatch.policy(for: stage, among: snapshot.policies)
        let autoPromotion = policy?.autoPromotionEnabled == true
        let currentLabel = currentFreight()
        var result = StagePlan(name: name, current: currentLabel, decision: .upToDate, freight: nil, alias: nil,
                               promotions: [], autoPromotion: autoPromotion, reasons: [])

        let promotions = snapshot.promotionsByStage[name] ?? []
        if let running = promotions.filter({ $0.status?.phase == .running }).sorted(by: Self.olderFirst).first {
            result.decision = .promoting
            result.freight = running.spec.freight
            result.alias = running.spec.freight.map(snapshot.alias)
            var reason = "promotion \(running.metadata.name) is running"
            if let started = running.status?.startedAt { reason += " since \(started.rfc3339)" }
            if let step = running.status?.currentStep, let total = running.spec.steps?.count, total > 0 {
                reason += " (step \(step + 1) of \(total))"
            }
            result.reasons = [reason]
            return result
        }
        if let verifying = verificationInProgress(currentLabel) {
            result.decision = .verifying
            result.reasons = [verifying]
            if let queued = promotions.filter({ $0.status?.phase == nil || $0.status?.phase == .pending }).sorted(by: Self.olderFirst).first {
                result.freight = queued.spec.freight
                result.alias = queued.spec.freight.map(snapshot.alias)
                result.reasons.append("promotion \(queued.metadata.name) is queued and starts once verification ends")
            }
            return result
        }
        if let queued = promotions.filter({ $0.status?.phase == nil || $0.status?.phase == .pending }).sorted(by: Self.olderFirst).first {
            result.decision = .promote
            result.freight = queued.spec.freight
            result.alias = queued.spec.freight.map(snapshot.alias)
            if let freightName = queued.spec.freight, let freight = snapshot.freightByName[freightName] {
                result.promotions = [snapshot.label(freight)]
            }
            let actor = queued.metadata.annotations?["kargo.akuity.io/create-actor"]
            result.reasons = ["promotion \(queued.metadata.name) requested\(Availability.attribution(actor, nil, queued.metadata.creationTimestamp))"]
            return result
        }
        let heldNote = status?.autoPromotionHolds?.values.sorted { $0.origin.key < $1.origin.key }.first.map { hold in
            holdNote(hold)
        }
        let views = (stage.spec.requestedFreight ?? []).map(view(for:))
        // Kargo promotes whenever the newest available Freight is not the current one.
        let changes = views.filter { view in
            guard let candidate = view.candidate else { return false }
            return candidate.metadata.name != view.currentName
        }

        if !changes.isEmpty {
            // Auto-promotion moves each changed origin unless a person holds that origin, or
            // already tried this Freight here (Kargo never auto-promotes the same Freight twice).
            var automatic: [OriginView] = []
            var waiting: [(OriginView, String)] = []
            for view in changes {
                let candidate = view.candidate!
                let label = snapshot.label(candidate)
                if let hold = status?.autoPromotionHolds?[view.request.origin.key] {
                    waiting.append((view, "\(view.request.origin.key) is \(holdNote(hold))"))
                } else if let earlier = previousPromotion(of: candidate.metadata.name) {
                    let phase = earlier.status?.phase?.rawValue.lowercased() ?? "pending"
                    var note = "promotion \(earlier.metadata.name) of \(label.alias) already \(phase)"
                    if let message = earlier.status?.message, !message.isEmpty { note += ": \(message)" }
                    waiting.append((view, note + "; auto-promotion does not repeat it (promote again with `freightline promote`)"))
                } else if !autoPromotion {
                    waiting.append((view, "auto-promotion is off for this Stage (no promotion policy enables it); promote with `freightline promote`"))
                } else {
                    automatic.append(view)
                }
            }
            let chosen = automatic.isEmpty ? waiting.map(\.0) : automatic
            result.decision = automatic.isEmpty ? .manual : .promote
            result.promotions = chosen.compactMap { $0.candidate.map(snapshot.label) }
            result.freight = result.promotions.first?.freight
            result.alias = result.promotions.first?.alias
            if !automatic.isEmpty { result.reasons.append("auto-promotion is enabled by a promotion policy") }
            var seenNotes = Set<String>()
            for (_, note) in waiting where seenNotes.insert(note).inserted { result.reasons.append(note) }
            for view in changes {
                let label = snapshot.label(view.candidate!)
                result.reasons.append("\(label.alias) (\(label.freight.prefix(7))) from \(label.origin) is eligible: \(view.candidateReason ?? "available")")
            }
            return result
        }

        var blockedReasons: [String] = []
        for view in views {
            if let problem = view.matchUpstreamProblem { blockedReasons.append(problem) }
            if view.noFreight {
                blockedReasons.append("no Freight from \(view.request.origin.key) yet")
                continue
            }
            // The newest few waiting Freight, so the one closest to eligible shows too.
            for (freight, reasons) in view.blocked.prefix(Self.blockedShown) {
                let label = snapshot.label(freight)
                blockedReasons.append("\(label.alias) (\(label.freight.prefix(7))) from \(label.origin) is not eligible: \(reasons.joined(separator: "; "))")
            }
            if view.blocked.count > Self.blockedShown {
                blockedReasons.append("\(view.blocked.count - Self.blockedShown) older Freight from \(view.request.origin.key) are not eligible either")
            }
            if !view.blocked.isEmpty {
                continue
            } else if view.current == nil && view.candidate == nil {
                blockedReasons.append("no Freight from \(view.request.origin.key) is eligible yet")
            }
        }
        if !blockedReasons.isEmpty {
            result.decision = .blocked
            result.reasons = blockedReasons + (heldNote.map { [$0] } ?? [])
            return result
        }
        result.decision = .upToDate
        result.reasons = (heldNote.map { [$0] } ?? []) + views.map { view in
            let alias = view.current.map { snapshot.alias($0.metadata.name) } ?? view.currentName ?? "?"
            return "holds \(alias), the newest eligible Freight from \(view.request.origin.key)"
        }
        if let health = healthNote() { result.reasons.append(health) }
        return result
    }

    static let blockedShown = 3

    /// "held on <alias> by <actor> at <time>: <reason>; ...": one wording for every hold.
    /// "verifying calm-heron (2 of 5 measurements, next in 30s)" while the current
    /// Freight's verification runs; nil when none runs (not started yet, ended, or the
    /// Stage has no verification), which does not hold promotions back.
    private func verificationInProgress(_ current: CurrentFreight?) -> String? {
        guard let collection = status?.freightHistory?.first, !(collection.items ?? [:]).isEmpty,
              let info = collection.verificationHistory?.first, let phase = info.phase, !phase.isTerminal else { return nil }
        let subject = current?.alias ?? "the current Freight"
        var reason = "verifying \(subject)"
        if let name = info.analysisRun?.name, let run = snapshot.analysisRuns[name] {
            reason += " (\(VerificationProgress(run: run, now: now).describe(now: now)))"
        } else if let started = info.startTime {
            reason += " since \(started.rfc3339)"
        }
        if let message = info.message, !message.isEmpty { reason += ": \(message)" }
        return reason
    }

    /// "not verified until its health checks report Healthy (Progressing: …)" while a
    /// Stage without verification waits on the Argo CD Applications its promotion synced.
    private func healthNote() -> String? {
        guard let record = snapshot.stageStates[name],
              StageHealthRecord.awaitsHealth(stage, record: record, freight: { snapshot.freightByName[$0] })
        else { return nil }
        let health = record.status.health
        var note = "not verified until its health checks report Healthy"
        if let status = health?.status {
            note += " (\(status.rawValue)" + ((health?.issues ?? []).isEmpty ? ")" : ": \((health?.issues ?? []).joined(separator: "; ")))")
        }
        return note
    }

    private func holdNote(_ hold: AutoPromotionHold) -> String {
        "held on \(snapshot.alias(hold.freightName))\(Availability.attribution(hold.actor, hold.reason, hold.createdAt)); auto-promotion paused until `freightline release`"
    }

    /// A Promotion into this Stage for `freight` that already exists, in any phase.
    private func previousPromotion(of freight: String) -> Promotion? {
        (snapshot.promotionsByStage[name] ?? []).filter { $0.spec.freight == freight }.sorted(by: Self.olderFirst).last
    }

    private static func olderFirst(_ lhs: Promotion, _ rhs: Promotion) -> Bool {
        let left = lhs.metadata.creationTimestamp ?? lhs.status?.startedAt ?? Timestamp(secondsSinceEpoch: 0)
        let right = rhs.metadata.creationTimestamp ?? rhs.status?.startedAt ?? Timestamp(secondsSinceEpoch: 0)
        if left != right { return left < right }
        return lhs.metadata.name < rhs.metadata.name
    }

    private func currentFreight() -> CurrentFreight? {
        let items = current
        guard !items.isEmpty else { return nil }
        let labels = items.keys.sorted().map { key in
            FreightLabel(freight: items[key]!, alias: snapshot.alias(items[key]!), origin: key)
        }
        let since = labels.compactMap { snapshot.freightByName[$0.freight]?.status?.currentlyIn?[name]?.since }.max()
        if labels.count == 1 {
            return CurrentFreight(freight: labels[0].freight, alias: labels[0].alias, since: since, items: labels)
        }
        let id = status?.freightHistory?.first?.id ?? FreightIdentity.collectionID(labels.map(\.freight))
        return CurrentFreight(freight: id, alias: labels.map(\.alias).joined(separator: " + "), since: since, items: labels)
    }

    private func view(for request: RequestedFreight) -> OriginView {
        let originKey = request.origin.key
        let currentName = current[originKey]
        let current = currentName.flatMap { snapshot.freightByName[$0] }
        let ofOrigin = snapshot.freight.filter { $0.origin == request.origin }
        var view = OriginView(request: request, current: current, currentName: currentName, candidate: nil,
                              candidateReason: nil, blocked: [], noFreight: ofOrigin.isEmpty, matchUpstreamProblem: nil)
        var available: [(Freight, String)] = []
        for freight in ofOrigin {
            let verdict = Availability.evaluate(freight, for: request, stage: name, snapshot: snapshot, now: now)
            if verdict.available {
                available.append((freight, verdict.reasons.joined(separator: "; ")))
            } else if current == nil || ProjectSnapshot.newerFirst(freight, current!) {
                view.blocked.append((freight, verdict.reasons))
            }
        }
        if request.sources?.autoPromotionOptions?.selectionPolicy == .matchUpstream {
            let upstreams = Set(request.sources?.stages ?? [])
            let inUpstream = available.filter { entry in
                !(entry.0.status?.currentlyIn ?? [:]).keys.filter(upstreams.contains).isEmpty
            }
            if inUpstream.count > 1 {
                view.matchUpstreamProblem = "MatchUpstream: \(inUpstream.count) Freight are in the upstream Stages at once; waiting for one"
                return view
            }
            available = inUpstream.map { entry in
                let holders = (entry.0.status?.currentlyIn ?? [:]).keys.filter(upstreams.contains).sorted()
                return (entry.0, "MatchUpstream: \(holders.joined(separator: ", ")) holds it; \(entry.1)")
            }
        }
        if let (freight, reason) = available.first {  // already newest first
            view.candidate = freight
            view.candidateReason = reason
        }
        return view
    }
}
