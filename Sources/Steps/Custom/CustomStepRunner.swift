import Expressions
import Foundation
import Pipeline

/// Runs a `CustomPromotionStep`: its `command` + `args` as a local process in the
/// promotion's work folder, `${{ }}` in them and in `env` evaluated over `config` and
/// `ctx`, the output read from `$KARGO_OUTPUT` (or stdout, stderr, a file) and reshaped by
/// `transform`. A non-zero exit is retryable, so `defaultErrorThreshold` decides when the
/// step errors; outliving `defaultTimeout` kills the command and fails the step.
///
/// `image` is ignored — the command runs on this machine — unless
/// `FREIGHTLINE_CONTAINER_RUNTIME` names a runtime (`docker`, `podman`); then the command
/// runs as `<runtime> run --rm -v <workdir>:<workdir> -w <workdir> --env-file … <image>
/// <command> <args>`, with the `$KARGO_OUTPUT` folder mounted too.
public struct CustomStepRunner: StepRunning {
    public let name: String
    public let definition: CustomPromotionStepSpec
    /// The process environment the command inherits (and where the runtime is looked up).
    let environment: [String: String]

    public init(name: String, definition: CustomPromotionStepSpec,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.name = name
        self.definition = definition
        self.environment = environment
    }

    public func run(config: JSONValue, context: StepContext) async throws(StepError) -> StepResult {
        let templates = ExpressionContext(variables: [
            "config": ExpressionValue(config),
            "ctx": .map(["project": .string(context.project), "stage": .string(context.stage),
                         "promotion": .string(context.promotion), "targetFreight": Self.targetFreight(context),
                         "meta": .map(["step": .map(["alias": .string(context.stepAlias)])])]),
        ], targetFreight: context.targetFreight, clock: { [now = context.now] in now })
        let words = try (definition.command + definition.args).map { word throws(StepError) in
            try text(word, field: "command", templates)
        }
        guard let first = words.first, !first.isEmpty else { throw .terminal("\(label): `command` is empty") }
        var variables: [(String, String)] = []
        for variable in definition.env {
            variables.append((variable.name, try text(variable.value, field: "env \(variable.name)", templates)))
        }
        var timeout: Double?
        if let text = definition.defaultTimeout, !text.isEmpty {
            do { timeout = try GoDuration(parsing: text).seconds } catch {
                throw .terminal("\(label): `defaultTimeout` \(text): \(error)")
            }
        }

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("freightline-custom-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputFile = scratch.appendingPathComponent("kargo-output").path
        let process: CustomStepProcess
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
            variables.append(("KARGO_OUTPUT", outputFile))
            process = try self.process(words, variables: variables, scratch: scratch.path, folder: context.workDirectory.root,
                                       timeout: timeout)
        } catch let error as StepError {
            throw error
        } catch {
            throw .terminal("\(label): cannot prepare the command: \(error.localizedDescription)")
        }
        let finished: CustomStepProcess.Finished
        do {
            finished = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result { try process.run(scratch: scratch) })
                }
            }
        } catch {
            throw .terminal("\(label): cannot run \(first): \(error.localizedDescription)")
        }
        if finished.timedOut {
            throw .terminal("\(label): `\(first)` did not finish within \(definition.defaultTimeout ?? "")\(Self.tail(finished.stderr))")
        }
        guard finished.status == 0 else {
            throw .retryable("\(label): `\(first)` exited with status \(finished.status)\(Self.tail(finished.stderr))")
        }
        return StepResult(output: try output(finished, pipe: outputFile, context: context))
    }

    private var label: String { "custom step `\(name)`" }

    /// `ctx.targetFreight`: the name and origin of the Freight being promoted (the first
    /// of the collection), as Kargo's promotion context gives them.
    private static func targetFreight(_ context: StepContext) -> ExpressionValue {
        guard let freight = context.targetFreight.first else { return .null }
        return .map(["name": .string(freight.metadata.name),
                     "origin": .map(["kind": .string("Warehouse"), "name": .string(freight.origin.name)])])
    }

    private func text(_ template: String, field: String, _ templates: ExpressionContext) throws(StepError) -> String {
        let value: JSONValue
        do { value = try ExpressionTemplate.evaluate(template, context: templates) } catch {
            throw .terminal("\(label): `\(field)`: \(error)")
        }
        if case .string(let string) = value { return string }
        return Self.encoded(value)
    }

    private func process(_ words: [String], variables: [(String, String)], scratch: String, folder: String,
                         timeout: Double?) throws -> CustomStepProcess {
        var inherited = environment
        let search = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let runtime = environment["FREIGHTLINE_CONTAINER_RUNTIME"], !runtime.isEmpty, !definition.image.isEmpty {
            guard let tool = runtime.contains("/") ? ExternalTool(name: runtime, executable: runtime, searchPath: search)
                                                   : ExternalTool.find(runtime, in: search)
            else { throw StepError.terminal("\(label): container runtime \(runtime) is not on PATH") }
            let envFile = scratch + "/env"
            let lines = variables.map { "\($0.0)=\($0.1)" }.joined(separator: "\n") + "\n"
            try Data(lines.utf8).write(to: URL(fileURLWithPath: envFile))
            let arguments = ["run", "--rm", "-v", "\(folder):\(folder)", "-v", "\(scratch):\(scratch)", "-w", folder,
                             "--env-file", envFile, definition.image] + words
            return CustomStepProcess(executable: tool.executable, arguments: arguments, environment: inherited,
                                     folder: folder, timeout: timeout)
        }
        for (name, value) in variables { inherited[name] = value }
        let executable: String
        if words[0].contains("/") {
            executable = words[0].hasPrefix("/") ? words[0] : folder + "/" + words[0]
        } else if let tool = ExternalTool.find(words[0], in: search) {
            executable = tool.executable
        } else {
            throw StepError.terminal("\(label): command \(words[0]) is not on PATH")
        }
        return CustomStepProcess(executable: executable, arguments: Array(words.dropFirst()), environment: inherited,
                                 folder: folder, timeout: timeout)
    }

    private func output(_ finished: CustomStepProcess.Finished, pipe: String,
                        context: StepContext) throws(StepError) -> [String: JSONValue] {
        let spec = definition.output
        let bytes: [UInt8]
        switch spec.source {
        case .pipe: bytes = FileManager.default.contents(atPath: pipe).map(Array.init) ?? []
        case .stdout: bytes = finished.stdout
        case .stderr: bytes = finished.stderr
        case .file:
            guard let path = spec.path, !path.isEmpty else { throw .terminal("\(label): output source File needs a `path`") }
            let full = try context.workDirectory.resolve(path, field: "output.source.path")
            guard let data = FileManager.default.contents(atPath: full) else {
                throw .terminal("\(label): output file \(path) was not written")
            }
            bytes = Array(data)
        }
        var parsed: (map: [String: JSONValue], value: JSONValue)
        do { parsed = try CustomStepOutput.parse(bytes, format: CustomStepOutput.format(for: spec)) } catch {
            throw .terminal("\(label): \(error)")
        }
        if !spec.transform.isEmpty {
            let scope = ExpressionContext(variables: ["output": ExpressionValue(parsed.value)], clock: { [now = context.now] in now })
            var reshaped: [String: JSONValue] = [:]
            for (key, expression) in spec.transform {
                do { reshaped[key] = try ParsedExpression(expression).evaluate(in: scope).jsonValue } catch {
                    throw .terminal("\(label): transform `\(key)` \(expression): \(error)")
                }
            }
            parsed.map = reshaped
        }
        let size = Self.encoded(.object(parsed.map)).utf8.count
        guard size <= CustomStepOutput.maxBytes else {
            throw .terminal("\(label): output is \(size) bytes, over Kargo's limit of \(CustomStepOutput.maxBytes)")
        }
        return parsed.map
    }

    /// A non-string template result or the output map, as compact JSON.
    private static func encoded(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The end of the command's standard error, for the step's message.
    private static func tail(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.suffix(16 * 1024), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : ": " + text
    }
}
