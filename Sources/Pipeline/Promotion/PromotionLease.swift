/// Which run is executing a Running Promotion, and until when. A run that dies leaves
/// its lease behind; once it expires (or when a run clears it on purpose, e.g. a step
/// waiting on a pull request), the next run takes the Promotion over and resumes it.
public struct PromotionLease: Sendable, Hashable {
    public static let holderAnnotation = "freightline.dev/lease-holder"
    public static let expiresAnnotation = "freightline.dev/lease-expires"

    public var holder: String
    public var expires: Timestamp

    public init(holder: String, expires: Timestamp) {
        self.holder = holder
        self.expires = expires
    }

    public func isExpired(at now: Timestamp) -> Bool { expires <= now }
}

extension Promotion {
    /// The lease recorded on the Promotion, nil when none (or unreadable, which counts as none).
    public var lease: PromotionLease? {
        get {
            guard let holder = metadata.annotations?[PromotionLease.holderAnnotation],
                  let text = metadata.annotations?[PromotionLease.expiresAnnotation],
                  let expires = Timestamp(rfc3339: text) else { return nil }
            return PromotionLease(holder: holder, expires: expires)
        }
        set {
            var annotations = metadata.annotations ?? [:]
            annotations[PromotionLease.holderAnnotation] = newValue?.holder
            annotations[PromotionLease.expiresAnnotation] = newValue?.expires.rfc3339
            metadata.annotations = annotations.isEmpty ? nil : annotations
        }
    }
}
