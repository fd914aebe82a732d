import ArgumentParser

/// Diagram languages `freightline graph` writes.
enum GraphFormat: String, CaseIterable, ExpressibleByArgument {
    case mermaid
    case dot
}
