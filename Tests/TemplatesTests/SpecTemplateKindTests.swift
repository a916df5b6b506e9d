import Testing

@testable import Templates

@Suite struct SpecTemplateKindTests {
    @Test func noKindIsNil() {
        #expect(Template(name: "t").kind == nil)
        #expect(Template(name: "t").kinds.isEmpty)
    }

    @Test func eachKindIsRecognised() {
        let cases: [(Template, TemplateKind)] = [
            (Template(container: Container(image: "a")), .container),
            (Template(containerSet: ContainerSetTemplate(containers: [])), .containerSet),
            (Template(steps: []), .steps),
            (Template(dag: DAGTemplate(tasks: [])), .dag),
            (Template(script: ScriptTemplate(source: "x")), .script),
            (Template(resource: ResourceTemplate(action: "get")), .resource),
            (Template(data: DataTemplate()), .data),
            (Template(suspend: SuspendTemplate()), .suspend),
            (Template(http: HTTPTemplate(url: "http://x")), .http),
            (Template(plugin: ["hello": [:]]), .plugin),
        ]
        for (template, kind) in cases {
            #expect(template.kind == kind)
            #expect(template.kinds == [kind])
        }
        #expect(Set(cases.map(\.1)) == Set(TemplateKind.allCases))
    }

    @Test func moreThanOneKindIsCountedAndPrecedenceFollowsArgo() {
        let t = Template(steps: [[]], container: Container(image: "a"), script: ScriptTemplate(source: "x"))
        #expect(t.kinds == [.container, .steps, .script])
        #expect(t.kind == .container)
    }

    @Test func podAndLeafTemplates() {
        #expect(Template(resource: ResourceTemplate(action: "get")).isPodType)
        #expect(!Template(http: HTTPTemplate(url: "u")).isPodType)
        #expect(Template(http: HTTPTemplate(url: "u")).isLeaf)
        #expect(!Template(dag: DAGTemplate(tasks: [])).isLeaf)
        #expect(TemplateKind.dag.argoName == "DAG")
    }
}
