import Foundation
import Pipeline

/// Where a Warehouse's Helm index validators live between runs: Kargo's Warehouse status
/// has no field for them, so they ride in one annotation of the Warehouse's state file
/// (`freightline.dev/helm-index-snapshots`, JSON), next to Kargo's own fields.
enum ChartIndexSnapshots {
    static let annotation = "freightline.dev/helm-index-snapshots"

    static func read(_ record: WarehouseState) -> [ChartIndexSnapshot] {
        guard let text = record.metadata.annotations?[annotation] else { return [] }
        return (try? JSONDecoder().decode([ChartIndexSnapshot].self, from: Data(text.utf8))) ?? []
    }

    static func store(_ snapshots: [ChartIndexSnapshot], in record: inout WarehouseState) {
        var annotations = record.metadata.annotations ?? [:]
        if snapshots.isEmpty {
            annotations[annotation] = nil
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            annotations[annotation] = (try? encoder.encode(snapshots)).map { String(decoding: $0, as: UTF8.self) }
        }
        record.metadata.annotations = annotations.isEmpty ? nil : annotations
    }
}
