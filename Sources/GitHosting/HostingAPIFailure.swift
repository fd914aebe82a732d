/// A hosting API call that did not succeed, before anyone decides what it means: each client
/// (GitHub's comments, the pull-request providers) turns it into its own error, with the
/// context it alone knows. Never holds the token: `HostingAPIClient` redacts first.
package enum HostingAPIFailure: Error, Sendable, Hashable {
    /// No HTTP answer at all.
    case unreachable(request: String, reason: String)
    /// An answer other than 2xx. `messages` are the provider's own (`message`, `error`,
    /// `errors[].message`), in that order; `rateLimited` is 429 or an exhausted quota, with
    /// `retryAfter` seconds when the provider said.
    case answered(status: Int, request: String, messages: [String], rateLimited: Bool, retryAfter: Int?)
    /// A success whose body or headers are not the documented ones.
    case malformedResponse(request: String, detail: String)

    /// `METHOD URL` of the failed request.
    package var request: String {
        switch self {
        case .unreachable(let request, _), .answered(_, let request, _, _, _), .malformedResponse(let request, _): request
        }
    }
}
