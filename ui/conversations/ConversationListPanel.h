#pragma once

#include "app/store/StoreTypes.h"

#include <QWidget>

class ConversationListModel;
class StoreReader;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;

// The left column: search box, filters (all / unread / window open) and the conversation list.
class ConversationListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ConversationListPanel(StoreReader* reader, QWidget* parent = nullptr);

    ConversationListModel* model() const;
    QListView* view() const;
    QLineEdit* searchBox() const;

    qint64 currentConversationId() const;
    void selectConversation(qint64 id);
    // Selects it even when it is not in the list yet (new, older than the loaded pages, searched
    // away): then as soon as its row arrives.
    void showConversation(qint64 id);
    // Alt+Up / Alt+Down.
    void selectRelative(int step);
    void focusSearch();
    void clearSearch();

signals:
    void conversationSelected(const ConversationSummary& summary);

private:
    void applySearch();
    void onCurrentChanged();
    void updateEmptyNote();
    // Rows came: select the one showConversation() waits for, or keep the current one selected.
    void reselect();

    ConversationListModel* m_model;
    QLineEdit* m_search;
    QButtonGroup* m_filters;
    QListView* m_view;
    QLabel* m_empty;
    QTimer* m_searchDelay;
    qint64 m_current = 0;
    qint64 m_wanted = 0; // showConversation()'s, until its row is in the list
};
