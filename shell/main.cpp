// main.cpp: the QA console's entry point, in the shape of Dear ImGui's GLFW + OpenGL 3 example
// (Emscripten flavour): GLFW with a WebGL2 context on the overlay's canvas, Dear ImGui with the
// embedded DejaVu Sans, then one frame function handed to emscripten_set_main_loop. Drawn at
// devicePixelRatio (console/display_scale.hpp): Dear ImGui in CSS pixels, the canvas and the fonts
// in device pixels, GLFW's cursor brought back to CSS pixels.

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>

#include <string>

#include "app/console_app.hpp"
#include "app/console_font.hpp"
#include "app/host.hpp"
#include "app/shortcuts.hpp"
#include "console/display_scale.hpp"

// Emscripten requires full control of the main loop: what the frame function needs lives here,
// as in the ImGui examples (main() never returns to keep it on its stack).
static GLFWwindow* g_Window = nullptr;
static parley::console::ConsoleApp* g_App = nullptr;
static parley::console::KeyPresses g_KeyPresses;
static float g_FontRatio = 0;  // the ratio the font atlas was rasterized at (0: not yet)
static bool g_PageHidden = false;
static constexpr float kFontSize = 15.0f;  // CSS pixels

// For clarity, our main loop code is declared at the end.
static void main_loop(void*);

static void glfw_error_callback(int error, const char* description)
{
    parley::console::host::report("GLFW error " + std::to_string(error) + ": " + description);
}

static void key_callback(GLFWwindow*, int key, int, int action, int mods)
{
    g_KeyPresses.on_key(key, action, mods);
}

// Dear ImGui keeps the pointer until the next call: the text lives here.
static const char* get_clipboard_text(void*)
{
    static std::string text;
    text = parley::console::host::clipboard();
    return text.c_str();
}

static void set_clipboard_text(void*, const char* text)
{
    parley::console::host::set_clipboard(text);
}

int main(int, char**)
{
    namespace console = parley::console;

    // Setup window
    glfwSetErrorCallback(glfw_error_callback);
    if (!glfwInit())
        return 1;

    // WebGL2 is OpenGL ES 3.0: GLSL "#version 300 es".
    const char* glsl_version = "#version 300 es";
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);

    // Create window with graphics context: the overlay's canvas (each frame fits it to the overlay
    // at devicePixelRatio, without glfwSetWindowSize: see fit_canvas).
    g_Window = glfwCreateWindow(console::host::viewport_width(), console::host::viewport_height(), "Parley QA console", NULL, NULL);
    if (g_Window == NULL)
    {
        console::host::report("the QA console needs WebGL2, which this browser does not give this page");
        return 1;
    }
    glfwMakeContextCurrent(g_Window);
    console::host::scope_keyboard_to_canvas();
    glfwSetKeyCallback(g_Window, key_callback);  // installed first: ImGui's backend chains to it

    // Setup Dear ImGui context
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = NULL;  // no filesystem: nothing is saved between visits

    // Setup Dear ImGui style
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 0.0f;

    // Setup Platform/Renderer backends
    ImGui_ImplGlfw_InitForOpenGL(g_Window, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
    io.GetClipboardTextFn = get_clipboard_text;  // Emscripten's GLFW has no clipboard
    io.SetClipboardTextFn = set_clipboard_text;

    // Fonts: DejaVu Sans with Latin-1 and French punctuation, from the wasm itself, added by the
    // first frame at the page's devicePixelRatio (use_font_ratio).

    static console::ConsoleApp app(console::host::has_page(), std::to_string(static_cast<long long>(console::host::now_ms()) % 1000000));
    g_App = &app;

    // This function call won't return, and will engage in an infinite loop, processing events from the browser, and dispatching them.
    emscripten_set_main_loop_arg(main_loop, NULL, 0, true);
    return 0;
}

// The font atlas rasterized at `ratio` times the font's CSS size, drawn at 1 / ratio: a glyph's
// texel is a device pixel. Rebuilt when the ratio changes (the window moved to another screen, the
// page was zoomed).
static void use_font_ratio(float ratio)
{
    if (ratio == g_FontRatio)
        return;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    parley::console::add_console_font(*io.Fonts, kFontSize * ratio);
    io.FontGlobalScale = 1.0f / ratio;
    if (g_FontRatio != 0)
    {
        ImGui_ImplOpenGL3_DestroyFontsTexture();  // the first one is made by the backend's first frame
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    g_FontRatio = ratio;
}

// The canvas's backing store in device pixels and its CSS box in CSS pixels. Not through
// glfwSetWindowSize: Emscripten 3.1.6's sets canvas.width to the size given, removes the canvas's
// CSS size, and asks for full screen when that size equals the screen's.
static parley::console::DisplayScale fit_canvas()
{
    namespace console = parley::console;
    console::DisplayScale scale = console::DisplayScale::fit(console::host::viewport_width(), console::host::viewport_height(),
                                                             console::host::pixel_ratio());
    console::host::fit_canvas(scale.css_width, scale.css_height, scale.width, scale.height);
    return scale;
}

static void main_loop(void* arg)
{
    IM_UNUSED(arg);
    namespace console = parley::console;

    // A hidden tab gets no animation frames: the desk would hear nothing (and alert nobody) until
    // the agent came back. Timers still run there (throttled to about one a second).
    bool hidden = console::host::page_hidden();
    if (hidden != g_PageHidden)
    {
        g_PageHidden = hidden;
        if (hidden)
            emscripten_set_main_loop_timing(EM_TIMING_SETTIMEOUT, 1000);
        else
            emscripten_set_main_loop_timing(EM_TIMING_RAF, 1);
    }

    // The overlay follows the browser window's size, at the screen's pixel ratio.
    console::DisplayScale scale = fit_canvas();
    use_font_ratio(scale.font_ratio);

    // Poll and handle events (inputs, window resize, etc.)
    glfwPollEvents();

    // Start the Dear ImGui frame: the GLFW backend reads GLFW's window size and backing-store
    // cursor; Dear ImGui gets CSS pixels and the scale to the framebuffer instead.
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2((float)scale.css_width, (float)scale.css_height);
    io.DisplayFramebufferScale = ImVec2(scale.scale_x, scale.scale_y);
    if (ImGui::IsMousePosValid(&io.MousePos))
        io.MousePos = ImVec2(scale.css_x(io.MousePos.x), scale.css_y(io.MousePos.y));
    ImGui::NewFrame();

    g_App->frame(g_KeyPresses.take());

    // Rendering
    ImGui::Render();
    glViewport(0, 0, scale.width, scale.height);
    glClearColor(0.10f, 0.10f, 0.12f, 1.00f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(g_Window);
}
