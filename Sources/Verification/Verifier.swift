import Expressions
import Pipeline

/// Runs verification for the reconciler: builds a run's spec when a Stage's Freight needs
/// verifying, and takes the measurements that are due, one call per reconcile run, so no
/// process waits for a long verification.
public struct Verifier: Sendable {
    /// Measures any metric (dispatching to `web`, `prometheus`, `job`).
    public var provider: any MetricProviding
    /// Secret data by Secret name, for `valueFrom.secretKeyRef` arguments.
    public var secrets: [String: [String: String]]
    /// The clock behind `now()` in the Stage's argument expressions.
    public var clock: @Sendable () -> Timestamp

    public init(provider: any MetricProviding, secrets: [String: [String: String]] = [:],
                clock: @escaping @Sendable () -> Timestamp) {
        self.provider = provider
        self.secrets = secrets
        self.clock = clock
    }

    /// The run spec for verifying `stage`'s current Freight: the Stage's `args` evaluated
    /// (`${{ }}` with `ctx`, `vars` and the Freight functions over the current Freight),
    /// then merged into the flattened templates.
    public func spec(for stage: Stage, project: String, config: KargoConfig,
                     state: PipelineState) -> Result<AnalysisRunSpec, VerificationSetupError> {
        guard let verification = stage.spec.verification else {
            return .failure(VerificationSetupError("the Stage has no verification"))
        }
        let current = StageHistory.currentItems(of: stage.metadata.name, in: project, state: state)
        let freight = current.values.sorted().compactMap { state.freight(in: project, named: $0) }
        do {
            let args = try VerificationArguments(stage: stage, project: project, freight: freight,
                                                 known: state.freight(in: project), clock: clock).evaluate(verification.args ?? [])
            return .success(try AnalysisTemplateFlattening(config: config, project: project)
                .spec(for: verification, stageArgs: args))
        } catch let error as VerificationSetupError {
            return .failure(error)
        } catch {
            return .failure(VerificationSetupError("\(error)"))
        }
    }

    /// `run` with every due measurement taken, counted and assessed. A run whose
    /// arguments cannot be resolved ends in Error, as Argo ends it.
    public func advance(_ run: AnalysisRun, now: Timestamp) async -> AnalysisRun {
        var run = run
        guard run.status?.phase?.isCompleted != true else { return run }
        let metrics: [Metric]
        do {
            metrics = try MetricArguments.scheduling(run)
        } catch {
            return ended(run, message: "Unable to resolve metric arguments: \(error)", now: now)
        }
        for name in MetricSchedule.due(run, metrics: metrics, now: now) {
            guard let metric = run.spec.metrics.first(where: { $0.name == name }) else { continue }
            let measurement: AnalysisMeasurement
            do {
                let resolved = try MetricResolution(metric, args: run.spec.args) { secret, key in secrets[secret]?[key] }
                measurement = await measure(resolved, now: now)
            } catch {
                return ended(run, message: "Unable to resolve metric arguments: \(error)", now: now)
            }
            AnalysisAssessment.record(measurement, for: name, in: &run)
        }
        AnalysisAssessment.assess(&run, metrics: metrics, now: now)
        return run
    }

    private func measure(_ resolution: MetricResolution, now: Timestamp) async -> AnalysisMeasurement {
        do {
            let reading = try await provider.measure(resolution.metric)
            let metadata = reading.metadata.isEmpty ? nil : reading.metadata.mapValues(resolution.masked)
            let phase: Result<AnalysisPhase, MeasurementError> = reading.phase.map { .success($0) }
                ?? ConditionEvaluation(resolution.metric).phase(for: reading.result)
            switch phase {
            case .success(let phase):
                return AnalysisMeasurement(phase: phase, startedAt: now, finishedAt: now,
                                   value: resolution.masked(reading.text), metadata: metadata)
            case .failure(let error):
                return AnalysisMeasurement(phase: .error, message: resolution.masked(error.message), startedAt: now,
                                   finishedAt: now, value: resolution.masked(reading.text), metadata: metadata)
            }
        } catch {
            return AnalysisMeasurement(phase: .error, message: resolution.masked(error.message), startedAt: now, finishedAt: now)
        }
    }

    private func ended(_ run: AnalysisRun, message: String, now: Timestamp) -> AnalysisRun {
        var run = run
        var status = run.status ?? AnalysisRunStatus(startedAt: now)
        status.phase = .error
        status.message = message
        status.completedAt = now
        run.status = status
        return run
    }
}
