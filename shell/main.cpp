// main.cpp: the QA console's entry point, in the shape of Dear ImGui's GLFW + OpenGL 3 example
// (Emscripten flavour): GLFW with a WebGL2 context on the overlay's canvas, Dear ImGui with the
// embedded DejaVu Sans, then one frame function handed to emscripten_set_main_loop.

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

// Emscripten requires full control of the main loop: what the frame function needs lives here,
// as in the ImGui examples (main() never returns to keep it on its stack).
static GLFWwindow* g_Window = nullptr;
static parley::console::ConsoleApp* g_App = nullptr;
static parley::console::KeyPresses g_KeyPresses;

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

    // Create window with graphics context: the overlay's canvas, at its CSS size.
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

    // Load Fonts: DejaVu Sans with Latin-1 and French punctuation, from the wasm itself.
    console::add_console_font(*io.Fonts, 15.0f);

    static console::ConsoleApp app(console::host::has_page(), std::to_string(static_cast<long long>(console::host::now_ms()) % 1000000));
    g_App = &app;

    // This function call won't return, and will engage in an infinite loop, processing events from the browser, and dispatching them.
    emscripten_set_main_loop_arg(main_loop, NULL, 0, true);
    return 0;
}

static void main_loop(void* arg)
{
    IM_UNUSED(arg);

    // The overlay follows the browser window's size.
    int width = parley::console::host::viewport_width();
    int height = parley::console::host::viewport_height();
    int current_width = 0, current_height = 0;
    glfwGetWindowSize(g_Window, &current_width, &current_height);
    if (width > 0 && height > 0 && (width != current_width || height != current_height))
        glfwSetWindowSize(g_Window, width, height);

    // Poll and handle events (inputs, window resize, etc.)
    glfwPollEvents();

    // Start the Dear ImGui frame
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();

    g_App->frame(g_KeyPresses.take());

    // Rendering
    ImGui::Render();
    int display_w, display_h;
    glfwGetFramebufferSize(g_Window, &display_w, &display_h);
    glViewport(0, 0, display_w, display_h);
    glClearColor(0.10f, 0.10f, 0.12f, 1.00f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(g_Window);
}
