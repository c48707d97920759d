#pragma once

#include <QListView>

#include <functional>

class ThreadModel;

// The message list. Loads older pages when scrolled to the top (newer ones again at the bottom,
// when the model dropped them) and keeps the first visible message where it was; follows new
// messages only while the reader is at the bottom.
class ThreadView : public QListView
{
    Q_OBJECT
public:
    explicit ThreadView(QWidget* parent = nullptr);

    void setThreadModel(ThreadModel* model);
    bool isAtBottom() const;
    void scrollToNewest();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onScrolled(int value);
    void loadOlder();
    void loadNewer();
    // Runs a page load that must not move what the reader is looking at.
    void keepingViewport(const std::function<int()>& load);

    ThreadModel* m_model = nullptr;
    bool m_followBottom = true;
    bool m_loading = false;
};
