#pragma once

#include "app/store/StoreTypes.h"

#include <QHash>
#include <QList>
#include <QObject>

class StoreReader;

// The window of one conversation's rows, oldest at row 0, read in pages through the StoreReader:
// the newest page first, older pages prepended, newer ones appended. Pages arrive later, one at a
// time; the rows change only between an about-to signal and its done signal (as a model's begin/end
// pairs), then pageLoaded(). At most maxRows() stay: a page at one end drops rows at the other.
// A reaction is never a row: it is handed over with reactionRead() for its target to show.
class ThreadPager : public QObject
{
    Q_OBJECT
public:
    // `reader` must outlive the pager.
    explicit ThreadPager(StoreReader* reader, QObject* parent = nullptr);
    ~ThreadPager() override;

    void setPageSize(int rows);
    int pageSize() const;
    void setMaxRows(int rows); // default 1,000; at least three pages
    int maxRows() const;

    // Empties the window, then loads the newest page of the conversation (0: stays empty).
    void setConversation(qint64 conversationId);
    qint64 conversationId() const;
    // A page was asked for and has not arrived or is being put in.
    bool isLoading() const;

    bool hasOlder() const;
    // Asks for the page before the oldest row; false when there is none or a page is on its way.
    bool fetchOlder();
    // Newer rows were dropped from the bottom.
    bool hasNewer() const;
    // Asks for the page after the newest row (dropping the oldest beyond maxRows()).
    bool fetchNewer();
    // Back to the newest page, when newer rows were dropped (the rows stay until it arrives).
    void showNewest();
    // The store committed a change to this message: its row is replaced, or it is appended when it
    // is new here and the window shows the newest rows.
    void messageChanged(const StoredMessage& message);

    const QList<StoredMessage>& rows() const;
    int rowOf(qint64 messageId) const;
    int rowOfProviderId(const QString& providerMessageId) const; // -1: not loaded

    // A reaction is not a row of its own.
    static bool isReaction(const StoredMessage& message);

signals:
    void aboutToReset();
    void resetDone();
    void aboutToInsert(int first, int last);
    void inserted(int first, int last);
    void aboutToRemove(int first, int last);
    void removed(int first, int last);
    void rowChanged(int row);
    // A reaction was read. `live`: newer than any row read before, so its target may be on screen.
    void reactionRead(const StoredMessage& reaction, bool live);
    // A page asked for is in (setConversation, fetchOlder, fetchNewer, showNewest): `rows` rows came.
    void pageLoaded(int rows);
    void loadFailed(const QString& message);

private:
    // Hands a page's reactions over and gives back the rows to show.
    QList<StoredMessage> absorb(const QList<StoredMessage>& page, bool live);
    void loadNewest();
    void requestOlder();
    void requestNewer();
    // A read failed: say so, and stop waiting for it.
    void pageFailed(const char* what, const Error& error);
    // Drops rows beyond maxRows() from the end (fromEnd) or from the start.
    void trim(bool fromEnd);
    void rebuildIndex();

    StoreReader* m_reader;
    // Bumped by every reload: answers asked for before it are about rows no longer shown.
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<StoredMessage> m_rows;
    QHash<qint64, int> m_rowById;
    QHash<QString, int> m_rowByProviderId;
    qint64 m_conversationId = 0;
    int m_pageSize = 50;
    int m_maxRows = 1000;
    bool m_hasOlder = false;
    bool m_hasNewer = false;
    // Keyset cursors: the oldest and newest message read, reactions included (0: use the rows).
    qint64 m_oldestLoadedId = 0;
    qint64 m_newestLoadedId = 0;
};
