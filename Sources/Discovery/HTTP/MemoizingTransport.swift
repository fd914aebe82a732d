/// Within one run, the same GET (same URL, same headers) goes out once, however many
/// subscriptions ask it: a registry's tag listing is read once however many Warehouses
/// watch that repository. Successful answers only; errors and 4xx/5xx are asked again.
public actor MemoizingTransport: HTTPTransport {
    public nonisolated let base: any HTTPTransport
    private var answers: [HTTPRequest: Task<Result<HTTPResponse, DiscoveryNetworkError>, Never>] = [:]

    public init(base: any HTTPTransport) {
        self.base = base
    }

    public func send(_ request: HTTPRequest) async throws(DiscoveryNetworkError) -> HTTPResponse {
        guard request.method == "GET" else { return try await base.send(request) }
        if let task = answers[request] {
            let result = await task.value
            if case .success(let response) = result, (200...299).contains(response.status) { return response }
        }
        let base = self.base
        let task = Task { () -> Result<HTTPResponse, DiscoveryNetworkError> in
            do throws(DiscoveryNetworkError) { return .success(try await base.send(request)) } catch { return .failure(error) }
        }
        answers[request] = task
        return try await task.value.get()
    }
}
