// parley/split_point.hpp: where the visitor's parley.wasm may be cut in two.
//
// parley.wasm is split per function (binaryen's wasm-split, wasm-glue/wasm_module.cmake): the
// functions a start runs (configure, pageLoad, ticks, rules, an invitation and its decline) stay
// in parley.wasm, every other one moves to parley.deferred.wasm, fetched once the engine runs. A
// function the start runs keeps whole whatever was inlined into it, and two inliners work on
// the module: LLVM's (which [[gnu::noinline]] stops) and then binaryen's, which knows no such
// attribute and inlines every function that has one caller, whatever its size. It leaves alone
// a function the module's table holds. So the code only a conversation, a video call, a survey,
// a rating, the QA console or an uncommon event needs is a function of its own, called through
// split_call: through a pointer kept in volatile memory, which no optimizer can see through, so
// the function is called indirectly and sits in the table. The cost: a load and an indirect
// call where it meets the start path. Natively (tests, tools, the console) nothing observable
// changes.
#pragma once

#include <utility>

namespace parley {

template <auto F>
struct SplitPoint;

// F, a function, called through `target`: a copy of F in volatile memory.
template <class R, class... A, R (*F)(A...)>
struct SplitPoint<F> {
  static inline R (*volatile target)(A...) = F;
};

// F, a member function, called through `target`: a plain function pointer in volatile memory
// (not a member function pointer, whose calls carry a test for virtual functions).
template <class R, class C, class... A, R (C::*F)(A...)>
struct SplitPoint<F> {
  static R call(C& object, A... args) { return (object.*F)(std::forward<A>(args)...); }
  static inline R (*volatile target)(C&, A...) = &call;
};
template <class R, class C, class... A, R (C::*F)(A...) const>
struct SplitPoint<F> {
  static R call(const C& object, A... args) { return (object.*F)(std::forward<A>(args)...); }
  static inline R (*volatile target)(const C&, A...) = &call;
};

// F(args...), or object.*F(args...) with the object first, as a split point: F is never inlined
// into the caller.
template <auto F, class... Args>
decltype(auto) split_call(Args&&... args) {
  return SplitPoint<F>::target(std::forward<Args>(args)...);
}

}  // namespace parley
