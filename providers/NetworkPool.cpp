#include "providers/NetworkPool.h"

#include <algorithm>

NetworkPool::NetworkPool(int concurrency, QObject* parent)
    : QObject(parent)
{
    const int count = std::max(1, (concurrency + 5) / 6);
    for (int i = 0; i < count; ++i) {
        auto* manager = new QNetworkAccessManager(this);
        // Redirects are followed only within the same scheme and never from https to http.
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        m_managers.append(manager);
    }
}

QNetworkAccessManager* NetworkPool::next()
{
    QNetworkAccessManager* manager = m_managers.at(m_next);
    m_next = (m_next + 1) % m_managers.size();
    return manager;
}

int NetworkPool::size() const
{
    return m_managers.size();
}
