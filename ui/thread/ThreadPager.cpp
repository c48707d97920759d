#include "ui/thread/ThreadPager.h"

#include "app/store/StoreReader.h"
#include "ui/UiLogging.h"
#include "ui/thread/ThreadText.h"

#include <algorithm>

ThreadPager::ThreadPager(StoreReader* reader, QObject* parent)
    : QObject(parent)
    , m_reader(reader)
{
}

ThreadPager::~ThreadPager() = default;

void ThreadPager::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

int ThreadPager::pageSize() const
{
    return m_pageSize;
}

void ThreadPager::setMaxRows(int rows)
{
    m_maxRows = qMax(rows, 3 * m_pageSize);
}

int ThreadPager::maxRows() const
{
    return m_maxRows;
}

bool ThreadPager::isReaction(const StoredMessage& message)
{
    return message.type == MessageType::Reaction && !ThreadText::reactionTarget(message).isEmpty();
}

QList<StoredMessage> ThreadPager::absorb(const QList<StoredMessage>& page, bool live)
{
    QList<StoredMessage> rows;
    rows.reserve(page.size());
    for (const StoredMessage& message : page) {
        if (isReaction(message)) {
            emit reactionRead(message, live);
        } else {
            rows.append(message);
        }
    }
    return rows;
}

void ThreadPager::setConversation(qint64 conversationId)
{
    // Nothing of the previous conversation stays on screen while its page is read.
    emit aboutToReset();
    m_conversationId = conversationId;
    m_rows.clear();
    m_hasOlder = false;
    m_hasNewer = false;
    m_oldestLoadedId = 0;
    m_newestLoadedId = 0;
    ++m_generation;
    m_loading = false;
    rebuildIndex();
    emit resetDone();
    if (conversationId > 0) {
        loadNewest();
    }
}

void ThreadPager::loadNewest()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_reader->conversationPage(
        m_conversationId, 0, m_pageSize, this, [this, generation](Result<QList<StoredMessage>> page) {
            if (generation != m_generation) {
                return;
            }
            if (!page) {
                pageFailed("thread page", page.error());
                return;
            }
            m_loading = false;
            emit aboutToReset();
            m_rows = absorb(*page, false);
            std::reverse(m_rows.begin(), m_rows.end());
            m_hasOlder = page->size() >= m_pageSize;
            m_hasNewer = false;
            m_oldestLoadedId = page->isEmpty() ? 0 : page->last().id;
            m_newestLoadedId = page->isEmpty() ? 0 : page->first().id;
            rebuildIndex();
            emit resetDone();
            emit pageLoaded(int(m_rows.size()));
        });
}

void ThreadPager::pageFailed(const char* what, const Error& error)
{
    m_loading = false;
    qCWarning(lcUi) << what << "failed:" << error.code;
    emit loadFailed(error.message);
    emit pageLoaded(0);
}

qint64 ThreadPager::conversationId() const
{
    return m_conversationId;
}

bool ThreadPager::isLoading() const
{
    return m_loading;
}

bool ThreadPager::hasOlder() const
{
    return m_hasOlder;
}

bool ThreadPager::fetchOlder()
{
    if (m_loading || !m_hasOlder || m_rows.isEmpty()) {
        return false;
    }
    requestOlder();
    return true;
}

void ThreadPager::requestOlder()
{
    m_loading = true;
    const qint64 before =
        m_oldestLoadedId > 0 && m_oldestLoadedId < m_rows.first().id ? m_oldestLoadedId : m_rows.first().id;
    const quint64 generation = m_generation;
    m_reader->conversationPage(
        m_conversationId, before, m_pageSize, this, [this, generation](Result<QList<StoredMessage>> page) {
            if (generation != m_generation) {
                return;
            }
            if (!page) {
                pageFailed("older page", page.error());
                return;
            }
            m_hasOlder = page->size() >= m_pageSize;
            if (!page->isEmpty()) {
                m_oldestLoadedId = page->last().id;
            }
            QList<StoredMessage> older = absorb(*page, false);
            if (older.isEmpty()) {
                // A page of nothing but reactions shows no row: keep going until one does.
                if (m_hasOlder) {
                    requestOlder();
                    return;
                }
                m_loading = false;
                emit pageLoaded(0);
                return;
            }
            std::reverse(older.begin(), older.end());
            const int n = int(older.size());
            emit aboutToInsert(0, n - 1);
            older.append(m_rows);
            m_rows = std::move(older);
            rebuildIndex();
            emit inserted(0, n - 1);
            trim(true);
            m_loading = false;
            emit pageLoaded(n);
        });
}

bool ThreadPager::hasNewer() const
{
    return m_hasNewer;
}

bool ThreadPager::fetchNewer()
{
    if (m_loading || !m_hasNewer || m_rows.isEmpty()) {
        return false;
    }
    requestNewer();
    return true;
}

void ThreadPager::requestNewer()
{
    m_loading = true;
    const qint64 after = qMax(m_newestLoadedId, m_rows.last().id);
    const quint64 generation = m_generation;
    m_reader->conversationPageAfter(
        m_conversationId, after, m_pageSize, this, [this, generation](Result<QList<StoredMessage>> page) {
            if (generation != m_generation) {
                return;
            }
            if (!page) {
                pageFailed("newer page", page.error());
                return;
            }
            m_hasNewer = page->size() >= m_pageSize;
            if (!page->isEmpty()) {
                m_newestLoadedId = page->last().id;
            }
            // Reactions read here are newer than any seen: their targets may be on screen.
            const QList<StoredMessage> newer = absorb(*page, true);
            if (newer.isEmpty()) {
                if (m_hasNewer) {
                    requestNewer();
                    return;
                }
                m_loading = false;
                emit pageLoaded(0);
                return;
            }
            const int first = int(m_rows.size());
            const int n = int(newer.size());
            emit aboutToInsert(first, first + n - 1);
            m_rows.append(newer);
            rebuildIndex();
            emit inserted(first, first + n - 1);
            trim(false);
            m_loading = false;
            emit pageLoaded(n);
        });
}

void ThreadPager::showNewest()
{
    if (m_hasNewer) {
        loadNewest();
    }
}

void ThreadPager::trim(bool fromEnd)
{
    const int excess = int(m_rows.size()) - m_maxRows;
    if (excess <= 0) {
        return;
    }
    const int first = fromEnd ? m_maxRows : 0;
    const int last = fromEnd ? int(m_rows.size()) - 1 : excess - 1;
    emit aboutToRemove(first, last);
    if (fromEnd) {
        m_rows.resize(m_maxRows);
        m_hasNewer = true;
        m_newestLoadedId = 0;
    } else {
        m_rows.remove(0, excess);
        m_hasOlder = true;
        m_oldestLoadedId = 0;
    }
    rebuildIndex();
    emit removed(first, last);
}

void ThreadPager::messageChanged(const StoredMessage& fresh)
{
    if (m_conversationId <= 0 || fresh.conversationId != m_conversationId) {
        return;
    }
    // Decided now, not when asked: a page may have brought the row in meanwhile.
    if (const int row = m_rowById.value(fresh.id, -1); row >= 0) {
        m_rows[row] = fresh;
        if (!fresh.providerMessageId.isEmpty()) {
            m_rowByProviderId.insert(fresh.providerMessageId, row);
        }
        emit rowChanged(row);
        return;
    }
    // An older message than the loaded window arrives with its page, and while the newest rows
    // are dropped a new one waits for fetchNewer().
    if (m_hasNewer || (m_hasOlder && !m_rows.isEmpty() && fresh.id < m_rows.first().id)) {
        return;
    }
    m_newestLoadedId = qMax(m_newestLoadedId, fresh.id);
    if (isReaction(fresh)) {
        emit reactionRead(fresh, true); // not a row: the emoji goes onto the message it answers
        return;
    }
    // Usually the newest, appended. In team mode ids are handed out before commit and the
    // announcements come in commit order, so another console's row may land between rows
    // already shown: it goes where its id puts it.
    const auto at = std::upper_bound(
        m_rows.cbegin(), m_rows.cend(), fresh.id, [](qint64 id, const StoredMessage& m) { return id < m.id; });
    const int row = int(at - m_rows.cbegin());
    emit aboutToInsert(row, row);
    m_rows.insert(row, fresh);
    if (row == m_rows.size() - 1) {
        m_rowById.insert(fresh.id, row);
        if (!fresh.providerMessageId.isEmpty()) {
            m_rowByProviderId.insert(fresh.providerMessageId, row);
        }
    } else {
        rebuildIndex();
    }
    emit inserted(row, row);
}

const QList<StoredMessage>& ThreadPager::rows() const
{
    return m_rows;
}

int ThreadPager::rowOf(qint64 messageId) const
{
    return m_rowById.value(messageId, -1);
}

int ThreadPager::rowOfProviderId(const QString& providerMessageId) const
{
    return m_rowByProviderId.value(providerMessageId, -1);
}

void ThreadPager::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_rows.size());
    m_rowByProviderId.clear();
    m_rowByProviderId.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i) {
        m_rowById.insert(m_rows.at(i).id, i);
        if (!m_rows.at(i).providerMessageId.isEmpty()) {
            m_rowByProviderId.insert(m_rows.at(i).providerMessageId, i);
        }
    }
}
