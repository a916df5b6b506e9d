import ClusterAPI
extension ImageCatalog {
    /// The images the upstream examples use (every `image:` in `../shared/argo-examples/`), mapped to host
    /// commands:
    ///
    /// | image | locally |
    /// |---|---|
    /// | `argo-lite` | argo-lite itself (`command: [argo-lite, ...]` runs this executable; resource templates' pods) |
    /// | `argoproj/argosay` (any tag) | `argo-lite-executor argosay` (ENTRYPOINT, as the real image's `/argosay`) |
    /// | `busybox`, `alpine`, `debian`, `ubuntu` (any tag) | host shell; CMD `sh`; the container's `command` runs on the host |
    /// | `bash` | host shell; CMD `bash` |
    /// | `python` (any tag) | CMD `python3`; `command: [python]` runs `python3` |
    /// | `docker/whalesay` | CMD `bash`; `command: [cowsay]` runs argo-lite's built-in cowsay (same speech bubble and whale) |
    /// | `golang`, `node` | CMD `bash` / `node`; needs Go / Node on the host |
    /// | `curlimages/curl` | CMD `curl` (host curl) |
    /// | `stedolan/jq` | ENTRYPOINT `jq` |
    /// | `alpine/git` | ENTRYPOINT `git` |
    /// | `nginx` | `python3 -m http.server 80` (serves the working directory; enough for the daemon examples) |
    /// | `mesosphere/aws-cli` | ENTRYPOINT `aws` |
    /// | `v4tech/imagemagick`, `starefossen/gifsicle`, `remuslazar/gnuplot`, `docker` | host shell; the tool must be on the host |
    ///
    /// Not mapped (a container without `command` fails with a message naming the image): `influxdb`,
    /// `moby/buildkit`, `quay.io/argoproj/argoexec`, `mcr.microsoft.com/windows/nanoserver`.
    public static let builtins: [String: ImageEntry] = {
        let shell = ImageEntry(cmd: ["sh"], note: "runs on the host: the container's command must exist on the host")
        let python = ImageEntry(cmd: ["python3"], commandMap: ["python": ["python3"]],
                                note: "python3 from the host PATH")
        let hostTool = { (tool: String) in
            ImageEntry(cmd: ["sh"], note: "runs on the host: needs \(tool) installed there")
        }
        return [
            "argo-lite": ImageEntry(entrypoint: ["@self"], commandMap: ["argo-lite": ["@self"]],
                                    note: "argo-lite itself (the executor image of resource templates)"),
            "argoproj/argosay": ImageEntry(entrypoint: ["@executor", "argosay"],
                                           note: "argo-lite's built-in argosay (echo, cat, sleep, exit, assert_contains)"),
            "busybox": shell,
            "alpine": shell,
            "debian": shell,
            "ubuntu": shell,
            "bash": ImageEntry(cmd: ["bash"], note: "host bash"),
            "python": python,
            "docker/whalesay": ImageEntry(cmd: ["bash"], commandMap: ["cowsay": ["@executor", "argosay", "cowsay"]],
                                          note: "cowsay is argo-lite's built-in; other commands run on the host"),
            "golang": ImageEntry(cmd: ["bash"], note: "runs on the host: needs Go installed there"),
            "node": ImageEntry(cmd: ["node"], note: "node from the host PATH"),
            "curlimages/curl": ImageEntry(cmd: ["curl"], note: "host curl"),
            "stedolan/jq": ImageEntry(entrypoint: ["jq"], note: "host jq"),
            "alpine/git": ImageEntry(entrypoint: ["git"], note: "host git"),
            "nginx": ImageEntry(cmd: ["python3", "-m", "http.server", "80"],
                                note: "stands in for nginx: python3's http.server on port 80"),
            "mesosphere/aws-cli": ImageEntry(entrypoint: ["aws"], note: "host aws CLI"),
            "v4tech/imagemagick": hostTool("ImageMagick"),
            "starefossen/gifsicle": hostTool("gifsicle"),
            "remuslazar/gnuplot": hostTool("gnuplot"),
            "docker": hostTool("docker"),
        ]
    }()
}
