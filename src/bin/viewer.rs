//! WebAssembly entry of the viewer: mounts it on the demo page (see `index.html`).
fn main() {
    bulletin::viewer::start();
}
