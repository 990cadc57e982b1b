//! WebAssembly entry of the viewer. The loader (`www/bulletin-viewer.js`) mounts viewers
//! through the exported `ViewerHandle`; starting only installs the panic hook.
fn main() {
    bulletin::viewer::variant::element::init();
}
