#!/usr/bin/env python3
"""Write samples/bad/: inputs that must not crash shiju and have no gold.

    python3 samples/tools/make_bad.py
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(os.path.dirname(HERE), "bad")


def write(name, data):
    with open(os.path.join(BAD, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(BAD, exist_ok=True)

    # 1. empty file
    write("empty.txt", b"")

    # 2. binary noise (deterministic), with a NUL-rich header like a small image
    rng = random.Random(20241203)
    write("random.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + bytes(rng.randrange(256) for _ in range(4096)))

    # 3. UTF-8 text cut in the middle of a multi-byte character
    text = ("（中央社記者測試台北1日電）這是一段用來測試截斷處理的文字，內容描述一場並不存在的會議，"
            "句子在一個多位元組字元的中間被切斷：國際").encode("utf-8")
    write("truncated_utf8.txt", text[:-2])  # drops the last 2 bytes of the 3-byte 際

    # 4. an HTML page that is only a list of links (section index, no article body)
    links = "\n".join(
        f'<li><a href="/world/2024/{i:04d}.html">国际要闻标题示例第{i}条</a><span>2024-05-{(i % 28) + 1:02d}</span></li>'
        for i in range(1, 41)
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>国际新闻列表 - 示例新闻网</title></head>
<body><nav><a href="/">首页</a> | <a href="/world/">国际</a> | <a href="/china/">国内</a></nav>
<h1>国际新闻</h1>
<ul class="news-list">
{links}
</ul>
<div class="pager"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">下一页</a></div>
<footer>© 2024 示例新闻网 版权所有</footer></body></html>
"""
    write("link_list.html", page.encode("utf-8"))

    # 5. a feed-mirror item whose body is only a video player and a one-line caption
    video = """<!--1716200000000-->
[视频｜现场画面](https://cn.huanyu-times.example.com/video/20240520/clip-0520/)
------

<address>VIDEO DESK</address><time pudate="2024-05-20 18:13:20" datetime="2024-05-20 18:13:20">2024年5月20日</time><section><figure><video controls poster="https://img.huanyu-times.example.com/video/0520/poster.jpg" src="https://video.huanyu-times.example.com/0520/clip.mp4"></video><figcaption>视频：现场画面。 <cite>Huanyu Times</cite></figcaption></figure></section><footer><p>点击查看本文英文版。</p></footer>
"""
    write("video_only_item.txt", video.encode("utf-8"))

    # 6. a page declared GBK whose bytes contain sequences that are not valid GBK
    good = "<html><head><meta charset=\"gbk\"><title>编码错误测试页</title></head><body><p>这一段是合法的GBK文字。".encode("gbk")
    broken = b"\x81\x20\xff\xfe\x80\xa1\x7f"  # lead bytes without valid trail bytes, 0xFF, lone 0x80
    tail = "后面又是合法的文字，用来检查解码器能否恢复。</p></body></html>".encode("gbk")
    write("invalid_gbk.html", good + broken + tail + b"\xd6")  # ends on a dangling lead byte

    print("wrote", sorted(os.listdir(BAD)))


if __name__ == "__main__":
    main()
