// A callable stored inline, so scheduling an event never allocates.
//
// Only trivially copyable callables fit (lambdas capturing pointers, indices
// and small values). Anything that owns memory must live in the model that
// schedules the event, not in the event.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace sim {

class Callback {
 public:
  static constexpr size_t kCapacity = 40;

  Callback() = default;

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback>>>
  Callback(F f) {  // NOLINT(google-explicit-constructor): lambdas convert implicitly
    static_assert(sizeof(F) <= kCapacity, "event callback captures too much; keep state in the model");
    static_assert(alignof(F) <= alignof(std::max_align_t));
    static_assert(std::is_trivially_copyable_v<F>,
                  "event callbacks must be trivially copyable (capture pointers and values only)");
    ::new (static_cast<void*>(storage_)) F(std::move(f));
    invoke_ = [](void* p) { (*static_cast<F*>(p))(); };
  }

  explicit operator bool() const { return invoke_ != nullptr; }
  void operator()() { invoke_(storage_); }

 private:
  alignas(std::max_align_t) unsigned char storage_[kCapacity]{};
  void (*invoke_)(void*) = nullptr;
};

static_assert(std::is_trivially_copyable_v<Callback>);

}  // namespace sim
