import Foundation

/// How many requests a run may still send to each host (`--max-requests-per-host`), so one
/// run never hammers a registry; when a host's budget is spent, the Warehouses that still
/// need it are skipped with a reason and picked up next run. Also counts what was sent,
/// for the summary and the benchmark.
public actor RequestBudget {
    public let limitPerHost: Int
    private var used: [String: Int] = [:]

    public init(limitPerHost: Int) {
        self.limitPerHost = limitPerHost
    }

    /// Takes one request from `host`'s budget; false when it is spent.
    public func take(host: String) -> Bool {
        let count = used[host, default: 0]
        guard count < limitPerHost else { return false }
        used[host] = count + 1
        return true
    }

    public func requests(to host: String) -> Int { used[host, default: 0] }

    public var total: Int { used.values.reduce(0, +) }
}

/// A transport that spends the budget and retries 429 and 5xx answers with backoff
/// (honouring `Retry-After` up to a cap), so every discoverer gets both for free.
public struct BudgetedTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let budget: RequestBudget
    /// Attempts per request, the first included.
    public var attempts: Int
    /// The first backoff; doubled each time.
    public var initialBackoff: Double

    public init(base: any HTTPTransport, budget: RequestBudget, attempts: Int = 3, initialBackoff: Double = 0.5) {
        self.base = base
        self.budget = budget
        self.attempts = attempts
        self.initialBackoff = initialBackoff
    }

    public func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        let host = request.url.host.map { host in request.url.port.map { "\(host):\($0)" } ?? host } ?? ""
        var delay = initialBackoff
        var attempt = 1
        while true {
            guard await budget.take(host: host) else {
                throw DiscoveryNetworkError(url: host, reason: "the request budget for \(host) is spent for this run (--max-requests-per-host \(budget.limitPerHost)); the rest waits for the next run", budgetSpent: true)
            }
            let response = try await base.send(request)
            guard response.status == 429 || (500...599).contains(response.status), attempt < attempts else { return response }
            var wait = delay
            if let retryAfter = response.header("retry-after").flatMap(Double.init) { wait = min(retryAfter, 10) }
            try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            delay *= 2
            attempt += 1
        }
    }
}
