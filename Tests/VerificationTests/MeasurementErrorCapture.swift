import Testing
@testable import Verification

/// The message of the MeasurementError `work` throws, or nil (recorded as an issue) when it
/// succeeds instead.
func measurementError(
    _ work: () async throws(MeasurementError) -> ProviderReading, sourceLocation: SourceLocation = #_sourceLocation
) async -> String? {
    do {
        let reading = try await work()
        Issue.record("expected a MeasurementError, got \(reading)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error.message
    }
}
