#pragma once

#include "providers/Result.h"

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <functional>

// The one shape of every asynchronous answer in FlowChat: a value or an Error.
template <typename T>
using Callback = std::function<void(Result<T>)>;

// Hands `result` to `done` on `context`'s thread, on a later turn of its event loop (never on
// the caller's stack), and only while `context` lives.
template <typename T>
void deliverLater(const QPointer<QObject>& context, Callback<T> done, Result<T> result)
{
    if (!context || !done) {
        return;
    }
    QMetaObject::invokeMethod(
        context.data(),
        [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}
