import Foundation
import Pipeline
@testable import Steps

/// A fresh work folder per test, removed afterwards.
final class WorkFolder {
    let path: String
    let context: StepContext

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-steps-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        context = StepContext(project: "demo", stage: "test", promotion: "p1", workDirectory: WorkDirectory(root: path),
                              now: Timestamp(rfc3339: "2026-11-23T12:00:00Z")!)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relative)
    }
}

func object(_ members: [String: JSONValue]) -> JSONValue { .object(members) }

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
