import Foundation
import Manifests
import Pipeline

/// Reading and writing the one file an editing step changes, inside the work folder.
/// Writing replaces the contents in place, so the file keeps its mode.
struct EditedFile {
    let relative: String
    let absolute: String

    init(_ relative: String, field: String = "path", context: StepContext, step: String) throws(StepError) {
        self.relative = relative
        self.absolute = try context.workDirectory.resolve(relative, field: field)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw .terminal("\(step): \(relative) does not exist in the work folder")
        }
        guard !isDirectory.boolValue else { throw .terminal("\(step): \(relative) is a folder, not a file") }
    }

    func read(step: String) throws(StepError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .terminal("\(step): cannot read \(relative)")
        }
        return [UInt8](data)
    }

    func write(_ bytes: [UInt8], step: String) throws(StepError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: absolute))
        } catch {
            throw .terminal("\(step): cannot write \(relative): \(error.localizedDescription)")
        }
    }
}

/// `updates: [{key, value}]`, shared by `yaml-update`, `json-update` and `toml-update`.
struct KeyValueUpdatesConfig: Decodable {
    struct Update: Decodable {
        var key: String
        var value: JSONValue
    }

    var path: String
    var updates: [Update]

    /// Decodes the config, keeping each `value` exactly as evaluated: the JSON round trip
    /// of `StepConfig.decode` turns `1.0` into `1`, and a float must stay a float in the file.
    static func decode(_ config: JSONValue, step: String) throws(StepError) -> KeyValueUpdatesConfig {
        var decoded = try StepConfig.decode(KeyValueUpdatesConfig.self, from: config, step: step)
        if let written = config["updates"]?.arrayValue, written.count == decoded.updates.count {
            for index in decoded.updates.indices {
                if let value = written[index]["value"] { decoded.updates[index].value = value }
            }
        }
        return decoded
    }

    /// Applies every update through `set`, then returns the step result with Kargo's
    /// `commitMessage`. An edit that cannot be made is terminal: the file or key is wrong.
    func apply(step: String, context: StepContext,
               edit: ([UInt8], [(EditKeyPath, JSONValue)]) throws(EditError) -> [UInt8]) throws(StepError) -> StepResult {
        guard !updates.isEmpty else { throw .terminal("\(step): `updates` must hold at least one update") }
        let file = try EditedFile(path, context: context, step: step)
        var pairs: [(EditKeyPath, JSONValue)] = []
        do {
            for update in updates { pairs.append((try EditKeyPath(update.key), update.value)) }
            let edited = try edit(try file.read(step: step), pairs)
            try file.write(edited, step: step)
        } catch let error as EditError {
            throw .terminal("\(step): \(path): \(error)")
        } catch let error as StepError {
            throw error
        } catch {
            throw .terminal("\(step): \(path): \(error)")
        }
        let message = UpdateCommitMessage.text(path: path, updates: updates.map { ($0.key, $0.value) })
        return StepResult(output: ["commitMessage": .string(message)])
    }
}
