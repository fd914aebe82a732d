import Foundation

/// A test-only hook, read from the environment: `FREIGHTLINE_TEST_PAUSE_AT=before:N` or
/// `after:N` stops the run at that step boundary (0-based step index) of the first
/// promotion that reaches it, prints a line to stderr and sleeps, so a crash test can
/// SIGKILL the process at an exact point. Unset in normal use; costs nothing then.
struct TestHooks: Sendable {
    enum Moment: String, Sendable { case before, after }
    let pause: (moment: Moment, step: Int)?
    let seconds: UInt32

    init(environment: [String: String]) {
        if let text = environment["FREIGHTLINE_TEST_PAUSE_AT"], let colon = text.firstIndex(of: ":"),
           let moment = Moment(rawValue: String(text[..<colon])), let step = Int(text[text.index(after: colon)...]) {
            pause = (moment, step)
        } else {
            pause = nil
        }
        seconds = environment["FREIGHTLINE_TEST_PAUSE_SECONDS"].flatMap { UInt32($0) } ?? 3600
    }

    func reached(_ moment: Moment, step: Int, promotion: String) {
        guard let pause, pause.moment == moment, pause.step == step else { return }
        FileHandle.standardError.write(Data("freightline-test: paused \(moment.rawValue) step \(step) of \(promotion)\n".utf8))
        sleep(seconds)
    }
}
