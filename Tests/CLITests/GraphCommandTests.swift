import Foundation
import Testing

@Suite struct GraphCommandTests {
    @Test func mermaidShowsWarehousesStagesAndSoak() throws {
        let result = try CLI.run(["graph", "--config", "fixtures/examples/kargo-demo/kargo"])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "flowchart LR")
        #expect(lines.contains("p0_warehouse__guestbook[(\"guestbook\")]"))
        #expect(lines.contains("p0_warehouse__guestbook --> p0_stage__test"))
        #expect(lines.contains("p0_stage__test --> p0_stage__uat"))
        #expect(lines.contains("p0_stage__uat -- \"soak 1h\" --> p0_stage__prod_2deu"))
        #expect(lines.contains("p0_stage__uat -- \"soak 1h\" --> p0_stage__prod_2dus"))
    }

    @Test func dotIsAGraphvizDigraph() throws {
        let result = try CLI.run(["graph", "--config", "fixtures/examples/kargo-demo/kargo", "--format", "dot"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("digraph freightline {"))
        #expect(result.stdout.contains("\"kargo-demo/stage/uat\" -> \"kargo-demo/stage/prod-us\" [label=\"soak 1h\"];"))
        #expect(result.stdout.contains("\"kargo-demo/warehouse/guestbook\" [label=\"guestbook\", shape=cylinder];"))
    }

    @Test func invalidConfigRefusesToDraw() throws {
        let result = try CLI.run(["graph", "--config", "fixtures/invalid/stage-cycle"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cycle"))
    }
}
