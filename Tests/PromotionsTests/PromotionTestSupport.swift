import Foundation
import Pipeline
import Promotions
import Steps
import Synchronization

/// A clock that moves one second forward on every reading, from a fixed start, so every
/// timestamp a run records is predictable.
final class TickingClock: Sendable {
    private let seconds: Mutex<Int64>

    init(start: Int64 = 1_800_000_000) { seconds = Mutex(start) }

    var read: @Sendable () -> Timestamp {
        { [self] in seconds.withLock { value in value += 1; return Timestamp(secondsSinceEpoch: value) } }
    }

    /// Jumps ahead, as if the next run happened later.
    func advance(by delta: Int64) { seconds.withLock { $0 += delta } }
}

/// A fresh work folder per test, removed afterwards.
final class WorkFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("freightline-promotions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }
}

/// A step whose attempts follow a script, for retry and waiting behaviour.
struct ScriptedStep: PromotionStepRunner {
    enum Outcome: Sendable { case succeed, running, retryable, terminal }

    static let name = "scripted"
    let outcomes: [Outcome]
    let attempts: Attempts

    init() { self.init([.succeed], attempts: Attempts()) }

    init(_ outcomes: [Outcome], attempts: Attempts) {
        self.outcomes = outcomes
        self.attempts = attempts
    }

    func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let attempt = attempts.next()
        switch outcomes[min(attempt, outcomes.count - 1)] {
        case .succeed: return StepResult(output: ["attempt": .int(Int64(attempt + 1))])
        case .running: return StepResult(status: .running, message: "waiting for the pull request")
        case .retryable: throw .retryable("registry busy (attempt \(attempt + 1))")
        case .terminal: throw .terminal("broken for good")
        }
    }
}

/// Counts a scripted step's attempts across runs.
final class Attempts: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { value in defer { value += 1 }; return value } }
    var total: Int { count.withLock { $0 } }
}

/// The registry's runners plus a scripted step.
func runners(_ scripted: ScriptedStep? = nil) -> PromotionEngine.RunnerLookup {
    { name in
        if name == ScriptedStep.name, let scripted { return scripted }
        return StepRegistry.runner(named: name)
    }
}

/// Records boundary events in order.
final class BoundaryLog: Sendable {
    private let events = Mutex<[StepBoundaryEvent]>([])
    var callback: @Sendable (StepBoundaryEvent) async -> Void { { [self] event in events.withLock { $0.append(event) } } }
    var all: [StepBoundaryEvent] { events.withLock { $0 } }
}

enum Fixture {
    static let origin = FreightOrigin(kind: .warehouse, name: "app")

    static func freight(_ name: String, alias: String? = nil, metadata: [String: JSONValue]? = nil) -> Freight {
        Freight(metadata: ObjectMeta(name: name, namespace: "demo"), alias: alias, origin: origin,
                status: metadata.map { FreightStatus(metadata: $0) })
    }

    static func stage(vars: [PromotionVariable] = [], steps: [PromotionStep] = []) -> Stage {
        Stage(metadata: ObjectMeta(name: "test", namespace: "demo"),
              spec: StageSpec(promotionTemplate: PromotionTemplate(spec: PromotionTemplateSpec(vars: vars, steps: steps))))
    }

    static func promotion(_ steps: [PromotionStep], vars: [PromotionVariable]? = nil, status: PromotionStatus? = nil) -> Promotion {
        Promotion(metadata: ObjectMeta(name: "test.01abc.f1", namespace: "demo"),
                  spec: PromotionSpec(stage: "test", freight: "f1", vars: vars, steps: steps), status: status)
    }

    static func environment(
        _ folder: WorkFolder, stage: Stage = stage(), freight: [Freight] = [freight("f1", alias: "calm-otter")],
        known: [Freight] = [], stageMetadata: [String: [String: JSONValue]] = [:],
        secrets: [String: [String: String]] = [:]
    ) -> PromotionEnvironment {
        PromotionEnvironment(project: "demo", stage: stage, targetFreight: freight, knownFreight: known,
                             stageMetadata: stageMetadata, secrets: secrets, actor: "admin", workDirectory: folder.path)
    }
}

func step(_ uses: String, as alias: String? = nil, if condition: String? = nil, continueOnError: Bool? = nil,
          retry: PromotionStepRetry? = nil, vars: [PromotionVariable]? = nil, _ config: [String: JSONValue]? = nil) -> PromotionStep {
    PromotionStep(uses: uses, as: alias, if: condition, continueOnError: continueOnError, retry: retry, vars: vars,
                  config: config.map(JSONValue.object))
}

func variable(_ name: String, _ value: String? = nil) -> PromotionVariable {
    PromotionVariable(name: name, value: value)
}

extension PromotionOutcome {
    /// Outputs recorded under `alias`.
    func output(_ alias: String) -> [String: JSONValue]? { status.state?[alias]?.objectValue }

    func stepStatus(_ alias: String) -> PromotionStepStatus? {
        status.stepExecutionMetadata?.first { $0.alias == alias }?.status
    }

    func stepMessage(_ alias: String) -> String? {
        status.stepExecutionMetadata?.first { $0.alias == alias }?.message
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
