import ArgumentParser

/// How a run discovers new artifacts (Warehouse subscriptions).
struct DiscoveryOptions: ParsableArguments {
    @Flag(name: .long, help: "Do not ask Git servers, registries or Helm repositories for new artifacts; plan from the state as it is.")
    var offline = false

    @Option(name: .customLong("max-requests-per-host"), help: ArgumentHelp("The most HTTP requests one run sends to one registry or Helm repository; Warehouses left over are picked up next run.", valueName: "n"))
    var maxRequestsPerHost: Int = 500

    func validate() throws {
        guard maxRequestsPerHost > 0 else { throw ValidationError("--max-requests-per-host must be at least 1") }
    }
}
