import Foundation
import Testing
@testable import Discovery

/// A transport that answers from a script and counts what it was asked.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Int]
    private(set) var sent = 0

    init(statuses: [Int]) { answers = statuses }

    func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        lock.withLock {
            sent += 1
            let status = answers.isEmpty ? 200 : answers.removeFirst()
            return HTTPResponse(status: status, headers: ["retry-after": "0"], body: [])
        }
    }
}

@Suite struct RequestBudgetTests {
    @Test func retriesBusyAnswersThenStops() async throws {
        let transport = ScriptedTransport(statuses: [503, 429, 200])
        let budgeted = BudgetedTransport(base: transport, budget: RequestBudget(limitPerHost: 10), attempts: 3, initialBackoff: 0)
        let response = try await budgeted.send(HTTPRequest(url: URL(string: "http://127.0.0.1:5000/v2/")!))
        #expect(response.status == 200)
        #expect(transport.sent == 3)
    }

    @Test func aSpentBudgetRefusesWithoutSending() async throws {
        let transport = ScriptedTransport(statuses: [])
        let budget = RequestBudget(limitPerHost: 2)
        let budgeted = BudgetedTransport(base: transport, budget: budget, attempts: 1, initialBackoff: 0)
        let url = URL(string: "http://127.0.0.1:5000/v2/")!
        _ = try await budgeted.send(HTTPRequest(url: url))
        _ = try await budgeted.send(HTTPRequest(url: url))
        await #expect(throws: DiscoveryNetworkError.self) { try await budgeted.send(HTTPRequest(url: url)) }
        #expect(transport.sent == 2)
        #expect(await budget.requests(to: "127.0.0.1:5000") == 2)
        // Other hosts have their own budget.
        _ = try await budgeted.send(HTTPRequest(url: URL(string: "http://127.0.0.1:6000/v2/")!))
        #expect(transport.sent == 3)
    }
}
