/// A link shown next to Freight or Stages in Kargo's UI; kept so such config loads unchanged.
public struct DeepLink: Codable, Sendable, Hashable {
    public var title: String?
    public var url: String?
    public var description: String?
    public var `if`: String?
}
