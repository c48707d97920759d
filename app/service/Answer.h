#pragma once

#include "providers/Provider.h"

#include <QMetaObject>
#include <QPointer>

// Shared by the service's classes (one copy, not one each).
// Hands a result to `done` on `context`'s thread, on a later turn of its event loop, and only
// while `context` lives.
template <typename T>
void answer(const QPointer<QObject>& context, const Callback<T>& done, Result<T> result)
{
    if (!context || !done) {
        return;
    }
    QMetaObject::invokeMethod(
        context.data(),
        [done, result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}
