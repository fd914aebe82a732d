import CLibYAML
import Foundation

/// The floor: read every file and run libyaml's parser over it, building nothing. No
/// loader can be faster than this; the benchmark reports the others as ratios to it.
enum LibYAMLFloor {
    static func parse(files: [String]) -> (events: Int, bytes: Int) {
        var events = 0
        var bytes = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            bytes += data.count
            data.withUnsafeBytes { buffer in
                var parser = yaml_parser_t()
                yaml_parser_initialize(&parser)
                defer { yaml_parser_delete(&parser) }
                yaml_parser_set_input_string(&parser, buffer.bindMemory(to: UInt8.self).baseAddress, buffer.count)
                var event = yaml_event_t()
                while yaml_parser_parse(&parser, &event) == 1 {
                    events += 1
                    let done = event.type == YAML_STREAM_END_EVENT
                    yaml_event_delete(&event)
                    if done { break }
                }
            }
        }
        return (events, bytes)
    }
}
